"""Sign-on through the municipality's identity provider (OpenID Connect); see docs/webb.md.

`settings` reads `inloggning:` in uppfolj.yaml, `provider` talks to the provider (discovery, code exchange,
ID token validation, logout), `flow` keeps the sign-ons under way, `mapping` turns groups into a role and
a unit. The routes are in `uppfolj.web.routes.oidc`.
"""
