from oauth2_provider.oauth2_validators import OAuth2Validator

MFA_GROUP = "used-mfa"  # members sign in "with multi-factor authentication": amr ["pwd", "mfa"]
UNVERIFIED_GROUP = "email-unverified"  # members' email_verified claim is false


class ClaimsValidator(OAuth2Validator):
    # email_verified and amr are not among the toolkit's claims: without a scope of their own they
    # would be left out of the ID token and userinfo.
    oidc_claim_scope = {**OAuth2Validator.oidc_claim_scope, "email_verified": "email", "amr": "openid"}

    def get_additional_claims(self, request):
        user = request.user
        groups = set(user.groups.values_list("name", flat=True))
        return {
            "email": user.email,
            "email_verified": UNVERIFIED_GROUP not in groups,
            "given_name": user.first_name,
            "family_name": user.last_name,
            "amr": ["pwd", "mfa"] if MFA_GROUP in groups else ["pwd"],
        }
