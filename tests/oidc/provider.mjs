// A real OpenID Connect provider (panva/oidc-provider, OpenID certified) on 127.0.0.1, for the
// reviewer sign-in tests: `node provider.mjs <port> <client_id> <client_secret> <redirect_uri>`.
// Its development login form accepts any user name; the name becomes the account's e-mail
// address, so a test can sign in as a reviewer or as a reader. Prints "ready" once listening.
import Provider from "oidc-provider";

const [port, clientId, clientSecret, redirectUri] = process.argv.slice(2);
const issuer = `http://127.0.0.1:${port}`;

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: clientId,
      client_secret: clientSecret,
      redirect_uris: [redirectUri],
      response_types: ["code"],
      grant_types: ["authorization_code"],
      token_endpoint_auth_method: "client_secret_basic",
    },
  ],
  claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
  pkce: { required: () => false },
  // Streamlit's st.user reads the ID token only (not the userinfo endpoint): put the e-mail
  // the scope asks for into the ID token itself
  conformIdTokenClaims: false,
  async findAccount(_ctx, id) {
    return {
      accountId: id,
      async claims() {
        return { sub: id, email: id, email_verified: true, name: id };
      },
    };
  },
});
provider.proxy = false;
provider.listen(Number(port), "127.0.0.1", () => {
  console.log("ready");
});
