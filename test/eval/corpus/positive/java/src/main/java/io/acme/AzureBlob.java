package io.acme;

import com.azure.storage.blob.BlobServiceClientBuilder;

class AzureBlob {
    static final String CONN = "DefaultEndpointsProtocol=https;AccountName=acmemedia;AccountKey=VmRu8oymGesSEQRIaAFgUSjGJcUarSEho6GM2ubVRr05kfad/JinMXDNNuTOjDlm0yS1hX27CZ9JUtLSelEGaQ==;EndpointSuffix=core.windows.net";
    var client = new BlobServiceClientBuilder().connectionString(CONN).buildClient();
}
