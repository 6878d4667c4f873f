package io.acme;

import com.azure.storage.blob.BlobServiceClientBuilder;

class AzureBlob {
    static final String CONN = "DefaultEndpointsProtocol=https;AccountName=acmemedia;AccountKey=fcYY0ViQCMY6fHua2zzv8CfBm3TY5OUJy/NwjmCTi8ZSG+s6lua0b5sXXhfOPl7nPqHABZzR+wbphLkHxqLQsA==;EndpointSuffix=core.windows.net";
    var client = new BlobServiceClientBuilder().connectionString(CONN).buildClient();
}
