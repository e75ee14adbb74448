vcl 4.1;
# The newsroom's shared page cache: Debian's varnish 7 with varnish-modules (xkey).
#
#   nginx (TLS, :443) -> Varnish (127.0.0.1:6081) -> gunicorn (127.0.0.1:8000)
#
# The app says what may be cached and for how long (Cache-Control: public, max-age=0,
# s-maxage=N, stale-while-revalidate=M) and which pages a write retires: every cacheable
# page names its keys in an `xkey` header (`all story-12 thread-12 section-3 home ...`), and
# after each commit the app sends `PURGE /` with the keys in an `xkey` header to every URL in
# CACHE_PURGE_URLS. deploy/README.md says how it all fits; tests/deploy/ runs this file.

import std;
import xkey;

backend default {
    .host = "127.0.0.1";
    .port = "8000";
    .connect_timeout = 2s;
    # gunicorn gives a request 120 s (--timeout: a 2 GB video upload is checked in one).
    .first_byte_timeout = 130s;
    .between_bytes_timeout = 60s;
    # /healthz: answered before the app's stack (no database, no cache, any Host), so a
    # slow database does not take the site out of Varnish: grace keeps serving pages.
    .probe = {
        .request = "GET /healthz HTTP/1.1"
            "Host: localhost"
            "X-Forwarded-Proto: https"
            "User-Agent: varnish-probe"
            "Connection: close";
        .expected_response = 200;
        .interval = 5s;
        .timeout = 3s;
        .window = 5;
        .threshold = 3;
        .initial = 3;
    }
}

# Who may purge: the app servers. The app's PURGE goes straight to Varnish, never through
# nginx (nginx refuses the method, and a PURGE that came through any proxy is refused below).
# With app servers on other machines, add their addresses here.
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.restarts == 0) {
        unset req.http.X-Newsroom-Fresh;
        unset req.http.X-Newsroom-Lang;
        unset req.http.X-Newsroom-Cache;
    }
    if (req.method == "PURGE") {
        call newsroom_purge;
    }
    call vcl_req_host;
    # An absolute-form request line (GET http://host/path) is matched on its path.
    if (req.url ~ "^[a-zA-Z]+://") {
        set req.url = regsub(req.url, "^[a-zA-Z]+://[^/?#]*", "");
        if (req.url !~ "^/") {
            set req.url = "/" + req.url;
        }
    }
    call newsroom_strip_tracking;
    # The operators' endpoints are read on the app's own port (Prometheus, the probe), never
    # from outside: behind Varnish every reader would come from 127.0.0.1.
    if (req.url ~ "^/(metrics|readyz)(\?|$)") {
        return (synth(404));
    }

    # Never cached, cookies forwarded: writes, the admin, accounts, a reader's own pages,
    # logged-in staff and a flash message waiting to be shown once.
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.url ~ "^/(admin|accounts|cua-ban)(/|\?|$)") {
        return (pass);
    }
    if (req.http.Cookie ~ "(^|;)\s*(sessionid|messages)=") {
        return (pass);
    }
    if (req.http.Authorization) {
        return (pass);
    }

    # Everything else is the same for every reader: only the language cookie is kept, and
    # it is hashed (vcl_hash) rather than varied on.
    if (req.url ~ "^/(static|media)/") {
        unset req.http.Cookie;
    } elsif (req.http.Cookie ~ "(^|;)\s*django_language=en\s*(;|$)") {
        set req.http.X-Newsroom-Lang = "en";
        set req.http.Cookie = "django_language=en";
    } else {
        set req.http.X-Newsroom-Lang = "vi";
        unset req.http.Cookie;
    }
    # Stale beyond the app's stale-while-revalidate, backend healthy: fetch now (vcl_hit).
    if (req.http.X-Newsroom-Fresh) {
        set req.grace = 0s;
    }
    return (hash);
}

sub newsroom_purge {
    # A PURGE that came through a proxy (nginx) carries the client's address before
    # Varnish's own in X-Forwarded-For: only direct requests from the ACL may purge.
    if (client.ip !~ purgers || req.http.X-Forwarded-For ~ ",") {
        return (synth(403, "Forbidden"));
    }
    if (!req.http.xkey) {
        return (synth(400, "Missing xkey header"));
    }
    set req.http.X-Newsroom-Purged = xkey.purge(req.http.xkey);
    return (synth(200, "Purged"));
}

sub newsroom_strip_tracking {
    # Campaign and click ids (utm_*, Facebook, Google, Zalo, Mailchimp, Yandex, Microsoft)
    # change nothing on a page: dropped before lookup and before the backend sees the URL.
    # The other parameters keep their order. The same list as the app strips for its own
    # cache (newsroom/infra/pagecache.py, TRACKING).
    if (req.url ~ "(?i)[?&](utm_[a-z0-9_]*|fbclid|gclid|zarsrc|mc_cid|mc_eid|_ga|yclid|msclkid)(=|&|$)") {
        set req.url = regsuball(req.url, "(?i)(?<=[?&])(utm_[a-z0-9_]*|fbclid|gclid|zarsrc|mc_cid|mc_eid|_ga|yclid|msclkid)(=[^&]*)?(&|$)", "");
        set req.url = regsub(req.url, "[?&]+$", "");
    }
}

sub vcl_hash {
    hash_data(req.url);
    if (req.http.host) {
        hash_data(req.http.host);
    } else {
        hash_data(server.ip);
    }
    # Absolute links (canonical, feeds) follow the scheme nginx reports.
    hash_data(req.http.X-Forwarded-Proto);
    hash_data(req.http.X-Newsroom-Lang);
    return (lookup);
}

sub vcl_hit {
    set req.http.X-Newsroom-Cache = "HIT";
    if (obj.ttl >= 0s) {
        return (deliver);
    }
    # Stale: within the app's stale-while-revalidate it is served while a background fetch
    # refreshes it; a sick backend serves it for the whole grace (6 h). Otherwise the page
    # must change on time (a scheduled story): look it up again with no grace, i.e. fetch.
    if (!std.healthy(req.backend_hint)) {
        return (deliver);
    }
    if (obj.ttl + std.duration(obj.http.X-Newsroom-SWR, 0s) > 0s) {
        return (deliver);
    }
    set req.http.X-Newsroom-Fresh = "1";
    return (restart);
}

sub vcl_miss {
    set req.http.X-Newsroom-Cache = "MISS";
}

sub vcl_pass {
    set req.http.X-Newsroom-Cache = "PASS";
}

sub vcl_backend_fetch {
    unset bereq.http.X-Newsroom-Fresh;
    unset bereq.http.X-Newsroom-Lang;
    unset bereq.http.X-Newsroom-Cache;
}

sub vcl_backend_response {
    if (bereq.uncacheable) {
        return (deliver);
    }
    # A failed background refresh keeps the stale copy in service.
    if (beresp.status >= 500 && bereq.is_bgfetch) {
        return (abandon);
    }
    # Cached only what the app says may be: an explicit Cache-Control, a positive TTL
    # (s-maxage first), no Set-Cookie, not private/no-cache/no-store.
    if (!beresp.http.Cache-Control || beresp.ttl <= 0s) {
        call newsroom_hit_for_miss;
    }
    call vcl_beresp_cookie;
    call vcl_beresp_control;
    call vcl_beresp_vary;
    # The language is hashed (vcl_hash): varying on the whole Cookie header would only split
    # the cache by cookies this file already removed.
    if (beresp.http.Vary) {
        set beresp.http.Vary = regsuball(beresp.http.Vary, "(?i)(^|,)\s*Cookie\s*(?=,|$)", "");
        set beresp.http.Vary = regsub(beresp.http.Vary, "^\s*,\s*", "");
        if (beresp.http.Vary == "") {
            unset beresp.http.Vary;
        }
    }
    # Grace: the app's stale-while-revalidate while the backend is healthy (0 when absent:
    # a page that must change at a set time says so), 6 h when it is sick (vcl_hit).
    if (beresp.http.Cache-Control ~ "(?i)stale-while-revalidate=[0-9]+") {
        set beresp.http.X-Newsroom-SWR = regsub(beresp.http.Cache-Control,
            "(?i)^.*stale-while-revalidate=([0-9]+).*$", "\1s");
    } else {
        set beresp.http.X-Newsroom-SWR = "0s";
    }
    set beresp.grace = 6h;
    return (deliver);
}

sub newsroom_hit_for_miss {
    set beresp.ttl = 120s;
    set beresp.uncacheable = true;
    return (deliver);
}

sub vcl_deliver {
    set resp.http.X-Cache = req.http.X-Newsroom-Cache;
    # Purge keys are between the app and this cache. (A CDN in front that purges by tag,
    # e.g. Cloudflare's Cache-Tag, would need its header kept: delete that line then.)
    unset resp.http.xkey;
    unset resp.http.Surrogate-Key;
    unset resp.http.Cache-Tag;
    unset resp.http.X-Newsroom-SWR;
    unset resp.http.Via;
    unset resp.http.X-Varnish;
}

sub vcl_synth {
    if (req.method == "PURGE") {
        set resp.http.Content-Type = "text/plain; charset=utf-8";
        if (resp.status == 200) {
            set resp.http.X-Purged = req.http.X-Newsroom-Purged;
            set resp.body = "Purged " + req.http.X-Newsroom-Purged + " objects" + {"
"};
        } else {
            set resp.body = resp.reason + {"
"};
        }
        return (deliver);
    }
}

sub vcl_backend_error {
    # The app is down and nothing stale is left to serve.
    set beresp.http.Content-Type = "text/html; charset=utf-8";
    set beresp.http.Retry-After = "30";
    set beresp.http.Cache-Control = "no-store";
    set beresp.body = {"<!DOCTYPE html>
<html lang="vi">
<head><meta charset="utf-8"><title>Tạm gián đoạn</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body><h1>Trang tạm thời gián đoạn</h1>
<p>Xin lỗi bạn đọc, máy chủ đang bận hoặc đang được bảo trì. Vui lòng thử lại sau ít phút.</p>
</body>
</html>
"};
    return (deliver);
}
