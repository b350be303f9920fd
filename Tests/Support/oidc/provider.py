#!/usr/bin/python3
"""A small OpenID provider for tests: the OAuth 2.0 device authorization
grant (RFC 8628) with RS256 ID tokens and a JWKS, on Flask and Authlib.

    /usr/bin/python3 Tests/Support/oidc/provider.py --port 0 --client-id monban

The first line on stdout is "PORT <n>". See README.md beside this file for
the endpoints, including the /test/... controls (for tests only: anyone who
can reach the port can approve any code).
"""
import argparse
import json
import os
import secrets
import sys
import threading
import time

from flask import Flask, jsonify, request
from werkzeug.serving import make_server

from authlib.integrations.flask_oauth2 import AuthorizationServer
from authlib.jose import JsonWebKey, jwt
from authlib.oauth2.rfc6749 import ClientMixin
from authlib.oauth2.rfc6749.errors import InvalidGrantError
from authlib.oauth2.rfc8628 import (
    DEVICE_CODE_GRANT_TYPE,
    DeviceAuthorizationEndpoint,
    DeviceCodeGrant,
    DeviceCredentialDict,
)

SCOPES = ['openid', 'email', 'profile']


class State:
    """Everything the provider remembers, in memory, behind one lock."""

    def __init__(self, client_ids, interval, expires_in, enforce_interval, id_token_lifetime):
        self.lock = threading.RLock()
        self.client_ids = set(client_ids)
        self.interval = interval
        self.expires_in = expires_in
        self.enforce_interval = enforce_interval
        self.id_token_lifetime = id_token_lifetime
        self.credentials = {}        # device_code -> DeviceCredentialDict
        self.by_user_code = {}       # user_code -> device_code
        self.grants = {}             # user_code -> (user dict or None, approved)
        self.slow_down_once = set()  # user_codes whose next poll answers slow_down
        self.last_poll = {}          # device_code -> time of the last poll
        self.poll_interval = {}      # device_code -> interval in force (grows by 5 on slow_down)
        self.consumed = set()        # device_codes already exchanged for tokens
        self.next_key_mode = None    # None, 'unknown_kid' or 'same_kid' (for the next id_token)
        self.next_claims = {}        # claims merged into the next id_token (None deletes)
        self.key = JsonWebKey.generate_key('RSA', 2048, is_private=True, options={'kid': 'k-' + secrets.token_hex(4)})
        self._rogue_key = None       # made on first use: generating an RSA key takes a good half second
        self.issued = 0              # id_tokens issued

    @property
    def rogue_key(self):
        """Another RSA key, never published: for the /test/wrong_key modes."""
        with self.lock:
            if self._rogue_key is None:
                self._rogue_key = JsonWebKey.generate_key(
                    'RSA', 2048, is_private=True, options={'kid': 'rogue-' + secrets.token_hex(4)})
            return self._rogue_key

    def jwks(self):
        public = self.key.as_dict(is_private=False)
        public.update({'use': 'sig', 'alg': 'RS256', 'kid': self.key.kid})
        return {'keys': [public]}


class PublicClient(ClientMixin):
    def __init__(self, client_id):
        self.client_id = client_id

    def get_client_id(self):
        return self.client_id

    def get_default_redirect_uri(self):
        return None

    def get_allowed_scope(self, scope):
        if not scope:
            return ''
        return ' '.join(s for s in scope.split() if s in SCOPES)

    def check_redirect_uri(self, redirect_uri):
        return False

    def check_client_secret(self, client_secret):
        return False

    def check_endpoint_auth_method(self, method, endpoint):
        return method == 'none'

    def check_token_endpoint_auth_method(self, method):
        return method == 'none'

    def check_response_type(self, response_type):
        return False

    def check_grant_type(self, grant_type):
        return grant_type == DEVICE_CODE_GRANT_TYPE


def create_app(state, issuer_holder):
    app = Flask(__name__)
    app.config['OAUTH2_SCOPES_SUPPORTED'] = SCOPES
    app.config['OAUTH2_TOKEN_EXPIRES_IN'] = {DEVICE_CODE_GRANT_TYPE: 3600}

    def issuer():
        return issuer_holder['issuer']

    def query_client(client_id):
        if client_id in state.client_ids:
            return PublicClient(client_id)
        return None

    def save_token(token, req):
        pass

    server = AuthorizationServer(app, query_client=query_client, save_token=save_token)

    class DeviceEndpoint(DeviceAuthorizationEndpoint):
        CLIENT_AUTH_METHODS = ['none']
        EXPIRES_IN = state.expires_in
        INTERVAL = state.interval

        def get_verification_uri(self):
            return issuer() + '/device'

        def save_device_credential(self, client_id, scope, data):
            credential = DeviceCredentialDict(
                client_id=client_id,
                scope=scope,
                expires_at=time.time() + self.EXPIRES_IN,
                nonce=request.form.get('nonce'),
                **data,
            )
            with state.lock:
                state.credentials[data['device_code']] = credential
                state.by_user_code[data['user_code']] = data['device_code']
                state.poll_interval[data['device_code']] = self.INTERVAL

    class DeviceGrant(DeviceCodeGrant):
        TOKEN_ENDPOINT_AUTH_METHODS = ['none']

        def query_device_credential(self, device_code):
            with state.lock:
                if device_code in state.consumed:
                    raise InvalidGrantError('The device code was already used')
                credential = state.credentials.get(device_code)
            if credential is None:
                raise InvalidGrantError('Unknown device code')
            return credential

        def query_user_grant(self, user_code):
            with state.lock:
                return state.grants.get(user_code)

        def should_slow_down(self, credential):
            device_code = credential['device_code']
            now = time.time()
            with state.lock:
                if credential.get_user_code() in state.slow_down_once:
                    state.slow_down_once.discard(credential.get_user_code())
                    state.poll_interval[device_code] = state.poll_interval.get(device_code, state.interval) + 5
                    state.last_poll[device_code] = now
                    return True
                last = state.last_poll.get(device_code)
                state.last_poll[device_code] = now
                if state.enforce_interval and last is not None:
                    required = state.poll_interval.get(device_code, state.interval)
                    if now - last < required * 0.9:
                        state.poll_interval[device_code] = required + 5
                        return True
                return False

        def create_token_response(self):
            status, token, headers = super().create_token_response()
            credential = self.request.credential
            scope = (credential.get_scope() or '').split()
            with state.lock:
                state.consumed.add(credential['device_code'])
            if 'openid' in scope:
                token['id_token'] = make_id_token(credential, self.request.user)
            return status, token, headers

    def make_id_token(credential, user):
        now = int(time.time())
        claims = {
            'iss': issuer(),
            'sub': user['sub'],
            'aud': credential.get_client_id(),
            'iat': now,
            'auth_time': now,
            'exp': now + state.id_token_lifetime,
        }
        scope = (credential.get_scope() or '').split()
        if user.get('email') and 'email' in scope:
            claims['email'] = user['email']
            claims['email_verified'] = True
        if user.get('name') and 'profile' in scope:
            claims['name'] = user['name']
        if credential.get_nonce():
            claims['nonce'] = credential.get_nonce()
        with state.lock:
            mode, state.next_key_mode = state.next_key_mode, None
            overrides, state.next_claims = state.next_claims, {}
            state.issued += 1
        for name, value in overrides.items():
            if value is None:
                claims.pop(name, None)
            else:
                claims[name] = value
        key, kid = state.key, state.key.kid
        if mode == 'unknown_kid':
            key, kid = state.rogue_key, state.rogue_key.kid
        elif mode == 'same_kid':
            key, kid = state.rogue_key, state.key.kid
        header = {'alg': 'RS256', 'typ': 'JWT', 'kid': kid}
        # The key as PEM: given a Key object, Authlib would overwrite the header's kid with the key's own.
        return jwt.encode(header, claims, key.as_pem(is_private=True)).decode('ascii')

    server.register_endpoint(DeviceEndpoint)
    server.register_grant(DeviceGrant)

    def no_store(response):
        response.headers['Cache-Control'] = 'no-store'
        response.headers['Pragma'] = 'no-cache'
        return response

    @app.get('/.well-known/openid-configuration')
    def discovery():
        base = issuer()
        return jsonify({
            'issuer': base,
            'device_authorization_endpoint': base + '/device_authorization',
            'token_endpoint': base + '/token',
            'jwks_uri': base + '/jwks',
            'response_types_supported': ['code', 'id_token', 'token id_token'],
            'subject_types_supported': ['public'],
            'id_token_signing_alg_values_supported': ['RS256'],
            'scopes_supported': SCOPES,
            'grant_types_supported': [DEVICE_CODE_GRANT_TYPE],
            'token_endpoint_auth_methods_supported': ['none'],
            'claims_supported': ['iss', 'sub', 'aud', 'exp', 'iat', 'auth_time', 'nonce', 'email', 'email_verified', 'name'],
        })

    @app.get('/jwks')
    def jwks():
        return jsonify(state.jwks())

    @app.post('/device_authorization')
    def device_authorization():
        return no_store(server.create_endpoint_response(DeviceEndpoint.ENDPOINT_NAME))

    @app.post('/token')
    def token():
        return no_store(server.create_token_response())

    @app.get('/device')
    def device_page():
        user_code = request.args.get('user_code', '')
        known = user_code in state.by_user_code
        return (
            '<!doctype html><title>Test provider</title>'
            f'<p>User code: <b>{escape_html(user_code) or "(none)"}</b> '
            f'({"pending" if known else "unknown"}). Approve with POST /test/approve.</p>'
        )

    # -- test controls ------------------------------------------------------

    def user_code_or_404():
        user_code = request.form.get('user_code', '')
        with state.lock:
            if user_code not in state.by_user_code:
                return None
        return user_code

    @app.post('/test/approve')
    def test_approve():
        user_code = user_code_or_404()
        if user_code is None:
            return jsonify({'error': 'unknown user_code'}), 404
        user = {
            'sub': request.form.get('sub') or 'user-' + secrets.token_hex(4),
            'email': request.form.get('email'),
            'name': request.form.get('name'),
        }
        with state.lock:
            state.grants[user_code] = (user, True)
        return jsonify({'ok': True, 'sub': user['sub']})

    @app.post('/test/deny')
    def test_deny():
        user_code = user_code_or_404()
        if user_code is None:
            return jsonify({'error': 'unknown user_code'}), 404
        with state.lock:
            state.grants[user_code] = (None, False)
        return jsonify({'ok': True})

    @app.post('/test/expire')
    def test_expire():
        user_code = user_code_or_404()
        if user_code is None:
            return jsonify({'error': 'unknown user_code'}), 404
        with state.lock:
            state.credentials[state.by_user_code[user_code]]['expires_at'] = time.time() - 1
        return jsonify({'ok': True})

    @app.post('/test/slow_down')
    def test_slow_down():
        user_code = user_code_or_404()
        if user_code is None:
            return jsonify({'error': 'unknown user_code'}), 404
        with state.lock:
            state.slow_down_once.add(user_code)
        return jsonify({'ok': True})

    @app.post('/test/wrong_key')
    def test_wrong_key():
        mode = request.form.get('mode', 'unknown_kid')
        if mode not in ('unknown_kid', 'same_kid'):
            return jsonify({'error': 'mode is unknown_kid or same_kid'}), 400
        with state.lock:
            state.next_key_mode = mode
        return jsonify({'ok': True, 'mode': mode, 'kid': state.rogue_key.kid if mode == 'unknown_kid' else state.key.kid})

    @app.post('/test/next_claims')
    def test_next_claims():
        try:
            claims = json.loads(request.form.get('claims', '{}'))
        except ValueError:
            return jsonify({'error': 'claims is not JSON'}), 400
        if not isinstance(claims, dict):
            return jsonify({'error': 'claims is not a JSON object'}), 400
        with state.lock:
            state.next_claims = claims
        return jsonify({'ok': True})

    @app.get('/test/state')
    def test_state():
        with state.lock:
            return jsonify({
                'pending_user_codes': sorted(state.by_user_code),
                'id_tokens_issued': state.issued,
                'kid': state.key.kid,
            })

    return app


def escape_html(text):
    return (text.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;').replace('"', '&quot;'))


def main(argv=None):
    parser = argparse.ArgumentParser(description='OpenID provider for tests (RFC 8628 device flow).')
    parser.add_argument('--port', type=int, default=0, help='port on 127.0.0.1 (0: any free port)')
    parser.add_argument('port_positional', nargs='?', type=int, help='the port, as --port')
    parser.add_argument('--client-id', action='append', default=[], help='an accepted public client id (repeatable)')
    parser.add_argument('--interval', type=int, default=1, help='polling interval in seconds (default 1)')
    parser.add_argument('--expires-in', type=int, default=600, help='device code lifetime in seconds (default 600)')
    parser.add_argument('--id-token-lifetime', type=int, default=300, help='id_token lifetime in seconds (default 300)')
    parser.add_argument('--enforce-interval', action='store_true',
                        help='answer slow_down to a poll sooner than the interval (off by default)')
    parser.add_argument('--issuer', help='issuer URL (default http(s)://127.0.0.1:<port>)')
    parser.add_argument('--cert', help='serve HTTPS with this PEM certificate (chain)')
    parser.add_argument('--key', help='the private key of --cert')
    parser.add_argument('--quiet', action='store_true', help='no request log on stderr')
    args = parser.parse_args(argv)
    port = args.port_positional if args.port_positional is not None else args.port
    client_ids = args.client_id or ['monban']

    state = State(client_ids, args.interval, args.expires_in, args.enforce_interval, args.id_token_lifetime)
    issuer_holder = {'issuer': args.issuer}
    app = create_app(state, issuer_holder)
    if args.quiet:
        import logging
        logging.getLogger('werkzeug').setLevel(logging.ERROR)

    ssl_context = (args.cert, args.key) if args.cert else None
    if ssl_context is None:
        # Authlib refuses plain HTTP unless told: this provider is for tests on 127.0.0.1.
        os.environ['AUTHLIB_INSECURE_TRANSPORT'] = '1'
    httpd = make_server('127.0.0.1', port, app, threaded=True, ssl_context=ssl_context)
    chosen = httpd.server_port
    if not issuer_holder['issuer']:
        issuer_holder['issuer'] = f"{'https' if ssl_context else 'http'}://127.0.0.1:{chosen}"
    print(f'PORT {chosen}', flush=True)
    print(f'ISSUER {issuer_holder["issuer"]}', flush=True)
    try:
        httpd.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == '__main__':
    sys.exit(main())
