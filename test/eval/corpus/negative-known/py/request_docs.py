"""
Example::

    authinfo = HTTPBasicAuthHandler()
    authinfo.add_password(realm='PDQ Application', uri='https://mahler:8092/site-updates.py',
                          user='klem', passwd='geheim$parole')

The Bearer token dict may hold a number of items::

    {
        'token_type': 'Bearer',
        'access_token': 'askfjh234as9sd8',
        'expires_in': 3600,
    }
"""
