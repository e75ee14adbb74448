from django import forms

from articles import images
from articles.models import Article
from articles.text import vietnamese_slugify


class CheckedImageField(forms.ImageField):
    """An image upload checked for bytes, pixels (decompression bombs) and format first."""

    def to_python(self, data):
        if data not in self.empty_values:
            images.check_upload(data)
        return super().to_python(data)


class VietnameseSlugField(forms.SlugField):
    """Accepts what an editor types ("Đường về Măng Đen") and stores its slug."""

    def to_python(self, value):
        return vietnamese_slugify(super().to_python(value))


class ArticleAdminForm(forms.ModelForm):
    class Meta:
        model = Article
        fields = [
            "title",
            "slug",
            "standfirst",
            "body",
            "status",
            "publish_at",
            "section",
            "tags",
            "allow_comments",
            "image",
            "image_alt",
            "image_caption",
            "image_credit",
        ]
        field_classes = {"image": CheckedImageField, "slug": VietnameseSlugField}


class SearchForm(forms.Form):
    q = forms.CharField(max_length=200, required=False, strip=True)

    def clean_q(self):
        return self.cleaned_data["q"][:200]
