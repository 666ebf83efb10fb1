package dev.orchestrator.cli;

import dev.orchestrator.dashboard.DashboardAssets;
import dev.orchestrator.dashboard.SignInCodes;
import dev.orchestrator.http.WebSite;
import java.util.Optional;

/** The dashboard's files and sign-in codes as the HTTP server's {@link WebSite}: the two adapters meet only here. */
final class DashboardSite implements WebSite {

    private final DashboardAssets assets;
    private final SignInCodes codes;

    DashboardSite(DashboardAssets assets, SignInCodes codes) {
        this.assets = assets;
        this.codes = codes;
    }

    @Override
    public Optional<WebPage> page(String path) {
        return assets.find(path).map(asset -> new WebPage(asset.contentType(), asset.body(),
                DashboardAssets.CONTENT_SECURITY_POLICY, asset.isPage()));
    }

    @Override
    public Optional<String> redeemSignInCode(String code) {
        return codes.redeem(code);
    }
}
