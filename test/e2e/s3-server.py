# An S3 server for the s3: suite: moto's, with signatures and IAM checked (INITIAL_NO_AUTH_ACTION_COUNT
# 0): one IAM user whose access key is S3_ACCESS_KEY_ID / S3_SECRET_ACCESS_KEY may do anything in
# S3, another (S3_READER_ACCESS_KEY_ID / S3_READER_SECRET_ACCESS_KEY) may only read and list; any
# other key, or a wrong secret, is refused as AWS refuses it. Listens on 127.0.0.1:PORT.
# Run by test/e2e/s3-server.ts under chroot in the tree provision.sh unpacks; python3 - PORT.
import json
import os
import sys
from urllib.parse import quote, unquote

os.environ["INITIAL_NO_AUTH_ACTION_COUNT"] = "0"

from moto.core import DEFAULT_ACCOUNT_ID  # noqa: E402
from moto.iam import access_control  # noqa: E402
from moto.iam.models import iam_backends  # noqa: E402
from moto.server import main  # noqa: E402

# moto re-reads the request's URL in werkzeug's IRI form, where %2F in a query (restic's
# prefix=repo%2Fkeys%2F) comes back as "/", and signs that: every signed listing would be
# refused. The canonical query is rebuilt from its decoded pairs, encoded as SigV4 encodes them.
signed_request = access_control.IAMRequestBase._create_aws_request


def create_aws_request(self):
    path, _, query = self._path.partition("?")
    if query:
        pairs = (pair.partition("=") for pair in query.split("&"))
        self._path = path + "?" + "&".join(f"{quote(unquote(k), safe='-_.~')}={quote(unquote(v), safe='-_.~')}" for k, _, v in pairs)
    return signed_request(self)


access_control.IAMRequestBase._create_aws_request = create_aws_request

iam = iam_backends[DEFAULT_ACCOUNT_ID]["aws"]


def user(name, prefix, actions):
    iam.create_user("us-east-1", name)
    key = iam.create_access_key(name)
    key.access_key_id = os.environ[f"{prefix}ACCESS_KEY_ID"]
    key.secret_access_key = os.environ[f"{prefix}SECRET_ACCESS_KEY"]
    iam.put_user_policy(name, "s3", json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": actions, "Resource": "*"}]}))


user("backup", "S3_", "s3:*")
user("reader", "S3_READER_", ["s3:Get*", "s3:List*"])
main(["--host", "127.0.0.1", "--port", sys.argv[1]])
