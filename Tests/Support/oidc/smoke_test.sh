#!/usr/bin/env bash
# Smoke test of provider.py with curl: discovery, device authorization,
# authorization_pending, slow_down, approve -> id_token verified against the
# JWKS (authlib.jose), deny -> access_denied, expire -> expired_token, the
# wrong-key modes and single use of a device code.
#   bash Tests/Support/oidc/smoke_test.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
PY=/usr/bin/python3
CLIENT=smoke-client
passed=0; failed=0

out="$(mktemp)"; err="$(mktemp)"
"$PY" "$here/provider.py" --port 0 --client-id "$CLIENT" --client-id other --quiet >"$out" 2>"$err" &
pid=$!
trap 'kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; rm -f "$out" "$err"' EXIT
for _ in $(seq 1 100); do grep -q '^PORT ' "$out" && break; sleep 0.1; done
port="$(sed -n 's/^PORT //p' "$out")"
[ -n "$port" ] || { echo "provider did not start:"; cat "$err"; exit 1; }
base="http://127.0.0.1:$port"

json() { "$PY" -c 'import json,sys; d=json.load(sys.stdin); print(d.get(sys.argv[1], ""))' "$1"; }
check() { # name expected actual
    if [ "$2" = "$3" ]; then passed=$((passed+1)); echo "ok   $1"; else failed=$((failed+1)); echo "FAIL $1: expected '$2', got '$3'"; fi
}
authorize() { curl -sS -X POST "$base/device_authorization" --data-urlencode "client_id=$CLIENT" --data-urlencode "scope=openid email profile" "$@"; }
poll() { curl -sS -X POST "$base/token" --data-urlencode "grant_type=urn:ietf:params:oauth:grant-type:device_code" --data-urlencode "device_code=$1" --data-urlencode "client_id=${2:-$CLIENT}"; }
poll_status() { curl -sS -o /dev/null -w '%{http_code}' -X POST "$base/token" --data-urlencode "grant_type=urn:ietf:params:oauth:grant-type:device_code" --data-urlencode "device_code=$1" --data-urlencode "client_id=$CLIENT"; }
control() { local path=$1; shift; curl -sS -X POST "$base/test/$path" "$@" >/dev/null; }
verify() { # id_token jwks nonce -> "valid <sub> <email> <aud> <nonce>" or "invalid: ..."
    "$PY" - "$1" "$2" "$3" "$base" "$CLIENT" <<'EOF'
import json, sys
from authlib.jose import JsonWebKey, jwt
from authlib.jose.errors import JoseError
token, jwks, nonce, issuer, client = sys.argv[1:6]
keys = JsonWebKey.import_key_set(json.loads(jwks))
try:
    claims = jwt.decode(token, keys, claims_options={
        'iss': {'essential': True, 'value': issuer},
        'aud': {'essential': True, 'value': client},
        'nonce': {'essential': True, 'value': nonce},
    })
    claims.validate()
    print('valid', claims['sub'], claims.get('email'), claims['aud'], claims['nonce'])
except (JoseError, ValueError) as e:
    print('invalid:', type(e).__name__)
EOF
}

# Discovery
disc="$(curl -sS "$base/.well-known/openid-configuration")"
check "discovery issuer" "$base" "$(json issuer <<<"$disc")"
check "discovery device endpoint" "$base/device_authorization" "$(json device_authorization_endpoint <<<"$disc")"
check "discovery token endpoint" "$base/token" "$(json token_endpoint <<<"$disc")"
jwks_uri="$(json jwks_uri <<<"$disc")"
jwks="$(curl -sS "$jwks_uri")"
check "jwks has one RSA key" "RSA" "$("$PY" -c 'import json,sys; k=json.load(sys.stdin)["keys"]; print(k[0]["kty"] if len(k)==1 else len(k))' <<<"$jwks")"

# Device authorization
da="$(authorize --data-urlencode "nonce=n-0S6_WzA2Mj")"
dc="$(json device_code <<<"$da")"; uc="$(json user_code <<<"$da")"
check "device authorization interval" "1" "$(json interval <<<"$da")"
check "device authorization expires_in" "600" "$(json expires_in <<<"$da")"
check "verification_uri" "$base/device" "$(json verification_uri <<<"$da")"
check "verification_uri_complete" "$base/device?user_code=$uc" "$(json verification_uri_complete <<<"$da")"
check "unknown client refused" "invalid_client" "$(curl -sS -X POST "$base/device_authorization" -d client_id=nobody -d scope=openid | json error)"

# Pending, slow_down, pending again
check "pending" "authorization_pending" "$(poll "$dc" | json error)"
check "pending is HTTP 400" "400" "$(poll_status "$dc")"
control slow_down --data-urlencode "user_code=$uc"
check "slow_down" "slow_down" "$(poll "$dc" | json error)"
check "pending after slow_down" "authorization_pending" "$(poll "$dc" | json error)"
check "another client's poll refused" "unauthorized_client" "$(poll "$dc" other | json error)"

# Approve -> id_token
control approve --data-urlencode "user_code=$uc" --data-urlencode "sub=alice-123" --data-urlencode "email=alice@example.test"
tok="$(poll "$dc")"
idt="$(json id_token <<<"$tok")"
check "token_type" "Bearer" "$(json token_type <<<"$tok")"
check "id_token verifies against the JWKS" "valid alice-123 alice@example.test $CLIENT n-0S6_WzA2Mj" "$(verify "$idt" "$jwks" n-0S6_WzA2Mj)"
check "device code is single use" "invalid_grant" "$(poll "$dc" | json error)"

# Deny -> access_denied
da="$(authorize)"; dc="$(json device_code <<<"$da")"; uc="$(json user_code <<<"$da")"
control deny --data-urlencode "user_code=$uc"
check "deny" "access_denied" "$(poll "$dc" | json error)"

# Expire -> expired_token
da="$(authorize)"; dc="$(json device_code <<<"$da")"; uc="$(json user_code <<<"$da")"
control expire --data-urlencode "user_code=$uc"
check "expire" "expired_token" "$(poll "$dc" | json error)"

# Wrong keys: a kid not in the JWKS, and the published kid with another key's signature
for mode in unknown_kid same_kid; do
    da="$(authorize --data-urlencode "nonce=n-$mode")"; dc="$(json device_code <<<"$da")"; uc="$(json user_code <<<"$da")"
    control approve --data-urlencode "user_code=$uc" --data-urlencode "sub=bob" --data-urlencode "email=bob@example.test"
    control wrong_key -d "mode=$mode"
    idt="$(poll "$dc" | json id_token)"
    check "wrong key ($mode): header kid" "$([ $mode = same_kid ] && echo published || echo unpublished)" \
        "$("$PY" -c 'import base64,json,sys; h=json.loads(base64.urlsafe_b64decode(sys.argv[1].split(".")[0]+"==")); print("published" if h["kid"] in sys.argv[2] else "unpublished")' "$idt" "$jwks")"
    check "wrong key ($mode) fails verification" "invalid: $([ $mode = same_kid ] && echo BadSignatureError || echo ValueError)" "$(verify "$idt" "$jwks" "n-$mode")"
done

# Claim overrides for the next id_token: another audience fails verification
da="$(authorize --data-urlencode "nonce=n-aud")"; dc="$(json device_code <<<"$da")"; uc="$(json user_code <<<"$da")"
control approve --data-urlencode "user_code=$uc" -d sub=dave
control next_claims --data-urlencode 'claims={"aud": "someone-else"}'
check "next_claims aud override fails verification" "invalid: InvalidClaimError" "$(verify "$(poll "$dc" | json id_token)" "$jwks" n-aud)"

# Without openid in the scope: no id_token
da="$(curl -sS -X POST "$base/device_authorization" -d "client_id=$CLIENT" -d "scope=email")"
dc="$(json device_code <<<"$da")"; uc="$(json user_code <<<"$da")"
control approve --data-urlencode "user_code=$uc" -d sub=carol
check "no id_token without openid scope" "" "$(poll "$dc" | json id_token)"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
