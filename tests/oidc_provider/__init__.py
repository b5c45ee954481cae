"""A small OpenID Connect provider (django-oauth-toolkit) that the SSO tests start on 127.0.0.1.

It stands in for NHSmail or CIS2: a login form, the authorisation code flow with PKCE, an ID token
signed with an RSA key made at start-up, and the claims the portal reads (`email`, `email_verified`,
`amr`). Its users and the portal's client are made by `manage provider_setup` (tests/sso/provider.py).
"""
