# shellcheck shell=bash
# Sourced by the benchmarks that load nginx's static files: one nginx, serving the folder it is given on 127.0.0.1 and
# logging every request there (the benchmarks count rates from that log), stopped with the benchmark.

# serve_static <folder> <port>: nginx serving <folder> on 127.0.0.1:<port>, its access log <folder>/access.log.
serve_static() {
  local dir="$1" port="$2"
  chmod -R a+rX "$dir"
  cat > "$dir/nginx.conf" <<CONF
worker_processes auto;
pid $dir/nginx.pid;
error_log $dir/error.log;
events { worker_connections 4096; }
http {
  access_log $dir/access.log;
  default_type application/json;
  server { listen 127.0.0.1:$port; location / { root $dir; } }
}
CONF
  nginx -c "$dir/nginx.conf"
}
