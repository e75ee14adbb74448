"""The move from WordPress: reading an export, importing it, and answering the old links."""
