#!/bin/sh
# Starts seed 001's handlers under serverless-offline in the foreground, from any cwd.
# Ports: SLS_WS_PORT (WebSocket + @connections, default 3001), SLS_LAMBDA_PORT (Lambda Invoke API, default
# 3003); SLS_HTTP_PORT (3002) and SLS_ALB_PORT (3004) are configured but not opened (no http/alb events).
# Ready when stderr shows:  Offline [http for websocket] listening on http://127.0.0.1:<SLS_WS_PORT>
# (the earlier "Offline [websocket] listening on ws://..." line is logged BEFORE the port is bound).
set -e
cd "$(dirname "$0")" # serverless reads serverless.yml from the cwd
# No network at startup: no telemetry, no update/notification checks, no deprecation lookups, no China
# geo-detection (that would pick the Tencent CLI), no interactive onboarding. No AWS credentials are needed
# for `offline`; the handlers use static dummy keys. The last variable mutes the AWS SDK's one-off
# "NodeVersionSupportWarning" (SDK releases after January 2027 will need Node 22; this one runs on 20).
# SLS_LOG_LEVEL=warning (from the caller's environment) would mute the per-invocation "(λ: ...) Duration"
# lines, and the ready line with them.
export SLS_TELEMETRY_DISABLED=1 SLS_TRACKING_DISABLED=1 SLS_NOTIFICATIONS_MODE=off \
  SLS_DEPRECATION_DISABLE='*' SLS_DISABLE_AUTO_UPDATE=1 SLS_GEO_LOCATION=no-cn SLS_INTERACTIVE_SETUP_ENABLE= \
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=true
# Serverless caches its compiled config-schema validator (8 MB) under $HOME/.serverless by default; keep it
# here instead (sls/.serverless/, git-ignored) so nothing is written outside bench/peers.
export SLS_SCHEMA_CACHE_BASE_DIR="$PWD"
exec node ../node_modules/serverless/bin/serverless.js offline start --noSponsor "$@"
