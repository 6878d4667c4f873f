package io.acme;

import com.azure.storage.blob.BlobServiceClientBuilder;

class AzureBlob {
    static final String CONN = "DefaultEndpointsProtocol=https;AccountName=acmemedia;AccountKey=TseIPLj0wVsV1AMY4+jGLFynt7OA2FSEtSRbsy2Gv3eV2DZyQA1JtZ78TaoauDIDHOrhF1ecXEkOXsKmYYp+9A==;EndpointSuffix=core.windows.net";
    var client = new BlobServiceClientBuilder().connectionString(CONN).buildClient();
}
