using Azure.Identity;
using Microsoft.Graph;

namespace Acme.Services;

public static class GraphClientFactory
{
    private const string TenantId = "cea7bb43-5e76-4f52-af08-610e68dd30e3";
    private const string ClientId = "e797fa42-def9-40fe-ab2e-80430f760ebf";
    private const string ClientSecret = "69M0Q~LGxi4SwqVIhsuA.FadhrjFwkvkvUkXo1tT";

    public static GraphServiceClient Create() =>
        new(new ClientSecretCredential(TenantId, ClientId, ClientSecret));
}
