# The application servers behind Varnish, included by manchette.vcl: one `backend` per
# server, all in the round-robin director `app`. Set .host_header to a name listed in
# ALLOWED_HOSTS (the health probe sends it), and add each server's address to the
# `purgers` ACL in manchette.vcl so that publishing can purge.
backend app1 {
    .host = "127.0.0.1";
    .port = "8000";
    .host_header = "127.0.0.1";
    .probe = manchette_health;
    .connect_timeout = 1s;
    .first_byte_timeout = 30s;
}

sub vcl_init {
    new app = directors.round_robin();
    app.add_backend(app1);
}
