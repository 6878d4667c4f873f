import argparse
import getpass

parser = argparse.ArgumentParser()
parser.add_argument("--password", default=None, help="database password (prompted when omitted)")
parser.add_argument("--api-key", dest="api_key", default=os.environ.get("API_KEY"))
args = parser.parse_args()
password = args.password or getpass.getpass("Password: ")
