class User < ApplicationRecord
  has_secure_password
  has_secure_token :api_token

  validates :password, length: { minimum: 12 }, allow_nil: true

  def regenerate_token!
    regenerate_api_token
  end
end
