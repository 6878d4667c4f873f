package io.acme;

import com.azure.storage.blob.BlobServiceClientBuilder;

class AzureBlob {
    static final String CONN = "DefaultEndpointsProtocol=https;AccountName=acmemedia;AccountKey=BjLDXOPFLgMysY+/JGYHIElY7oYvL6nX1cLqpny2zRYel1Qwq0/KTG3cVKfy1WYAL8oK8Slw3rTGL7OAVt769Q==;EndpointSuffix=core.windows.net";
    var client = new BlobServiceClientBuilder().connectionString(CONN).buildClient();
}
