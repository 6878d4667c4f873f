using Azure.Identity;
using Microsoft.Graph;

namespace Acme.Services;

public static class GraphClientFactory
{
    private const string TenantId = "e020a6bc-e032-4182-ab82-49f55d095ec7";
    private const string ClientId = "d1444c3c-0079-4c11-a0f6-6f863ffeae7e";
    private const string ClientSecret = "J0p1Q~GaPGPV0nwu66IYBSuqKg4dULwO8P67~Jzn";

    public static GraphServiceClient Create() =>
        new(new ClientSecretCredential(TenantId, ClientId, ClientSecret));
}
