vcl 4.1;
# Manchette behind Varnish 7.1: the shared cache in front of the application servers.
#
#   varnishd -a :6081 -f /etc/varnish/manchette.vcl -p vcl_path=/etc/varnish -s malloc,256m
#
# Copy this file and manchette-backends.vcl (which lists the application servers) to
# /etc/varnish/. What is cached, and why it cannot leak a reader's page:
# - Only anonymous GET/HEAD requests are looked up. A request carrying the session cookie
#   (`sessionid`, Django's SESSION_COOKIE_NAME) or pending flash messages (`messages`), any
#   other method, and the account, subscription and newsroom areas go to the application
#   untouched (pass): they are never stored nor answered from the cache.
# - Other cookies (analytics, the CSRF cookie…) are removed before the lookup, except the
#   reader's language (`django_language`, LANGUAGE_COOKIE_NAME). The application answers
#   "Vary: Cookie", so the language is part of the cache key and a purge drops every language.
#   Pages also vary on X-Forwarded-Proto (https or http), which the TLS proxy in front must
#   set: HTTPS readers never get the redirect production sends to plain HTTP.
# - The application decides what may be stored (Cache-Control public, s-maxage); a response
#   without Cache-Control, or that sets a cookie or says private/no-store, is never stored.
# - Publishing purges pages with HTTP PURGE, accepted from the `purgers` ACL only.
# - Grace: a page past its lifetime is served while a fresh one is fetched in the background,
#   and for up to 6 hours when the application servers are down (health probe below).

import directors;
import std;

# An application server is healthy when it answers robots.txt, which reads the database.
# The probe waits in the server's queue behind the readers' requests: a busy server takes
# seconds to reach it, so it has 5 s to answer (Varnish sends the next probe 2 s after that
# one ends). A server that is down refuses at once and is sick after 3 failures, ~6 s.
probe manchette_health {
    .url = "/robots.txt";
    .timeout = 5s;
    .interval = 2s;
    .window = 5;
    .threshold = 3;
    .initial = 3;
}

# Declares the application servers and the `app` director (round robin) that uses them.
include "manchette-backends.vcl";

# Who may purge: this machine and the application servers (add their addresses).
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    set req.backend_hint = app.backend();

    # A client that does not take gzip gets a copy stored plain, instead of the gzip copy
    # inflated for every request. A purge drops the gzip copy, then restarts with X-Plain
    # to drop the plain one.
    if (req.restarts == 0) {
        if (req.method == "PURGE" || (req.http.Accept-Encoding ~ "gzip"
                && req.http.Accept-Encoding !~ "gzip\s*;\s*q=0(\.0*)?\s*(,|$)")) {
            unset req.http.X-Plain;
        } else {
            set req.http.X-Plain = "1";
        }
    }

    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(405, "Purge not allowed"));
        }
        return (purge);
    }

    # The audience beacon (POST /mesure/?k=…, manchette/audience): answered here at once and
    # counted from Varnish's log by `manage.py collect_audience`; the application servers never
    # see it. One without its query string (a page cached before) goes to the application.
    if (req.method == "POST" && req.url ~ "^/mesure/\?") {
        return (synth(204));
    }

    # A healthy application refreshes an expired page within seconds: serve it stale for at
    # most 10 s past its lifetime. A sick one keeps the object's whole grace (6 h).
    if (std.healthy(req.backend_hint)) {
        set req.grace = 10s;
    }

    # The TLS proxy in front says https; anything else is plain HTTP, which the application
    # redirects in production. Pages vary on it (see vcl_backend_response): two values at most.
    if (req.http.X-Forwarded-Proto != "https") {
        set req.http.X-Forwarded-Proto = "http";
    }

    if (req.method != "GET" && req.method != "HEAD") {
        # Varnish streams a request body to the backend as the client sends it: a client
        # sending a byte a second would hold an application worker all along. Read it whole
        # here first (Varnish's threads are cheap); responses are fetched from the backend
        # independently of the client already. Larger than any upload the newsroom makes: 413.
        if (req.http.Content-Length || req.http.Transfer-Encoding) {
            if (!std.cache_req_body(64MB)) {
                return (synth(413, "Request body too large"));
            }
        }
        return (pass);
    }

    # Fingerprinted static files and media are the same for everyone, whoever asks.
    if (req.url ~ "^/(static|media)/") {
        unset req.http.Cookie;
        return (hash);
    }

    # A live's version number is the same for every reader (manchette/live/views.py): logged
    # in or not, they share one copy, so 10,000 readers polling cost one request per change.
    if (req.url ~ "^/direct/[0-9]+/version\.json$") {
        unset req.http.Cookie;
        return (hash);
    }

    if (req.http.Authorization || req.url ~ "^/(admin|django-admin|compte|mon-compte|abonnement)(/|$)") {
        return (pass);
    }
    if (req.http.Cookie ~ "(^|;)\s*(sessionid|messages)=") {
        return (pass);
    }
    # A gift link's page is for its reader alone (private, no-store: never stored either),
    # and it needs its cookie, which says this browser opened the link already
    # (manchette/gifts/opening.py): never looked up, cookies untouched.
    if (req.url ~ "[?&]cadeau=") {
        return (pass);
    }

    # Campaign parameters do not change the page: one cached copy for every link.
    if (req.url ~ "[?&](utm_[a-z]+|fbclid|gclid|mc_[a-z]+)=") {
        set req.url = regsuball(req.url, "(utm_[a-z]+|fbclid|gclid|mc_[a-z]+)=[^&]*&?", "");
        set req.url = regsub(req.url, "[?&]+$", "");
    }

    # Keep the language cookie alone, and only with a well-formed value.
    if (req.http.Cookie) {
        set req.http.X-Language = regsub(req.http.Cookie, "^(.*;)?\s*django_language=([a-zA-Z-]{2,10})\s*(;.*)?$", "\2");
        if (req.http.X-Language != req.http.Cookie) {
            set req.http.Cookie = "django_language=" + req.http.X-Language;
        } else {
            unset req.http.Cookie;
        }
        unset req.http.X-Language;
    }
    return (hash);
}

sub vcl_hash {
    if (req.http.X-Plain) {
        hash_data("plain");
    }
}

sub vcl_purge {
    if (!req.http.X-Plain) {
        set req.http.X-Plain = "1";
        return (restart);
    }
}

sub vcl_backend_fetch {
    if (bereq.http.X-Plain) {
        unset bereq.http.Accept-Encoding;
    }
}

sub vcl_backend_response {
    set beresp.grace = 6h;

    # A failed background refresh keeps the stale page instead of replacing it with an error.
    if (beresp.status >= 500 && bereq.is_bgfetch) {
        return (abandon);
    }

    # An HTTPS reader never gets the redirect meant for plain HTTP, nor a plain-HTTP reader
    # the page instead of the redirect; a purge drops both.
    if (beresp.http.Vary) {
        set beresp.http.Vary = beresp.http.Vary + ", X-Forwarded-Proto";
    } else {
        set beresp.http.Vary = "X-Forwarded-Proto";
    }

    # Only what the application marks as shareable (Cache-Control max-age or s-maxage) is
    # stored: an error page without it would otherwise be kept for every reader. Static and
    # media files are the same for everyone.
    if (!beresp.http.Cache-Control && !beresp.http.Expires && bereq.url !~ "^/(static|media)/") {
        set beresp.ttl = 10s;
        set beresp.uncacheable = true;
        return (deliver);
    }

    if (bereq.url ~ "^/media/" && beresp.status == 200) {
        # Uploaded photos and their renditions never change under the same name.
        set beresp.ttl = 30d;
        set beresp.http.Cache-Control = "public, max-age=2592000";
        unset beresp.http.Set-Cookie;
    }

    if (!bereq.http.X-Plain && !beresp.http.Content-Encoding && beresp.http.Content-Type ~
            "^(text/|application/(json|ld\+json|xml|rss\+xml|atom\+xml|javascript|manifest\+json)|image/svg\+xml)") {
        set beresp.do_gzip = true;
    }
}

sub vcl_backend_error {
    # No stale page to serve and no application server answering: the application's own
    # "unavailable" page, in the reader's language, without its stylesheet.
    set beresp.http.Content-Type = "text/html; charset=utf-8";
    set beresp.http.Cache-Control = "no-store";
    set beresp.http.Retry-After = "30";
    if (bereq.http.Cookie ~ "django_language=en") {
        set beresp.http.Content-Language = "en";
        synthetic({"<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Service temporarily unavailable — Manchette</title><style>body{font:1.125rem/1.5 Georgia,serif;margin:0;color:#1a1a1a}header{border-bottom:1px solid #ddd;padding:1rem 1.25rem;font:700 1.5rem Georgia,serif}main{max-width:40rem;margin:3rem auto;padding:0 1.25rem}a{color:#0b4f8a}</style></head>
<body><header>Manchette</header><main><h1>Service temporarily unavailable</h1>
<p>The site is under maintenance or facing an incident. Your data is safe: please try again in a few moments.</p>
<p><a href="/">Back to the front page</a></p></main></body></html>
"});
    } else {
        set beresp.http.Content-Language = "fr";
        synthetic({"<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Service momentanément indisponible — Manchette</title><style>body{font:1.125rem/1.5 Georgia,serif;margin:0;color:#1a1a1a}header{border-bottom:1px solid #ddd;padding:1rem 1.25rem;font:700 1.5rem Georgia,serif}main{max-width:40rem;margin:3rem auto;padding:0 1.25rem}a{color:#0b4f8a}</style></head>
<body><header>Manchette</header><main><h1>Service momentanément indisponible</h1>
<p>Le site est en cours de maintenance ou fait face à un incident. Vos données sont en sécurité : réessayez dans quelques instants.</p>
<p><a href="/">Revenir à la une</a></p></main></body></html>
"});
    }
    return (deliver);
}

sub vcl_synth {
    # The beacon's answer: no body, never stored.
    if (resp.status == 204) {
        set resp.http.Cache-Control = "no-store";
        return (deliver);
    }
}

sub vcl_deliver {
    if (obj.hits > 0) {
        set resp.http.X-Cache = "hit";
    } else {
        set resp.http.X-Cache = "miss";
    }
}
