using Azure.Identity;
using Microsoft.Graph;

namespace Acme.Services;

public static class GraphClientFactory
{
    private const string TenantId = "0c4f9873-495c-45a7-a71e-fd15ef22c3a6";
    private const string ClientId = "51289799-f6be-402a-a770-8b9c96a4c5b3";
    private const string ClientSecret = "BGO7Q~3AQt6mrqETx.KGEoxHBbjikhqpCGDyzgFM";

    public static GraphServiceClient Create() =>
        new(new ClientSecretCredential(TenantId, ClientId, ClientSecret));
}
