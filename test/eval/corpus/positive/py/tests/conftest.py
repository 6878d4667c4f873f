import pytest


@pytest.fixture
def live_client():
    # TODO move to vault before release
    return ApiClient(api_key="sk_live_MD2RvcTrrt2WpxilHKvpiovF")
