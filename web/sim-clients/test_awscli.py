"""The AWS CLI (awscli, pinned in requirements.txt) against appconfig-sim: what a new user types
to roll out a configuration of their own, create-application through start-deployment, then
watches it complete and cleans up.

SIM_URL is the simulator's base URL (run.sh starts it with --speed 60). Prints
"awscli: N passed, M failed" last.
"""

import json
import os
import subprocess
import sys
import tempfile
import time
import unittest

URL = os.environ["SIM_URL"]
AWS = os.path.join(os.path.dirname(sys.executable), "aws")
ENV = dict(
    os.environ,
    AWS_ACCESS_KEY_ID="AKIDAPPCONFIGSIMDEMO",
    AWS_SECRET_ACCESS_KEY="appconfig-sim-demo-secret-key",
    AWS_DEFAULT_REGION="us-east-1",
    AWS_CONFIG_FILE="/dev/null",
    AWS_SHARED_CREDENTIALS_FILE="/dev/null",
    AWS_EC2_METADATA_DISABLED="true",
    AWS_PAGER="",
)


def aws(*args, check=True):
    """Runs `aws appconfig ARGS --endpoint-url SIM_URL`; the parsed JSON output, or the failed
    process when check is False."""
    p = subprocess.run([AWS, "appconfig", *args, "--endpoint-url", URL, "--output", "json"], env=ENV, capture_output=True, text=True, timeout=60)
    if not check:
        return p
    if p.returncode != 0:
        raise AssertionError(f"aws appconfig {args[0]} failed ({p.returncode}): {p.stderr}")
    return json.loads(p.stdout) if p.stdout.strip() else {}


class AwsCliAgainstSimulator(unittest.TestCase):
    def test_create_application_through_start_deployment(self):
        with tempfile.TemporaryDirectory() as tmp:
            app = aws("create-application", "--name", "cli-app", "--tags", "team=cli")["Id"]
            env = aws("create-environment", "--application-id", app, "--name", "cli-env")["Id"]
            prof = aws("create-configuration-profile", "--application-id", app, "--name", "cli-flags", "--location-uri", "hosted", "--type", "AWS.AppConfig.FeatureFlags")["Id"]
            content = os.path.join(tmp, "flags.json")
            with open(content, "w") as f:
                json.dump({"version": "1", "flags": {"dark-mode": {"name": "Dark mode"}}, "values": {"dark-mode": {"enabled": True}}}, f)
            out = os.path.join(tmp, "out.json")
            v = aws("create-hosted-configuration-version", "--application-id", app, "--configuration-profile-id", prof, "--content", f"fileb://{content}", "--content-type", "application/json", "--version-label", "first", out)
            self.assertEqual((v["VersionNumber"], v["VersionLabel"]), (1, "first"))
            with open(content, "rb") as a, open(out, "rb") as b:
                self.assertEqual(a.read(), b.read(), "the CLI writes the content it sent")
            got = os.path.join(tmp, "got.json")
            aws("get-hosted-configuration-version", "--application-id", app, "--configuration-profile-id", prof, "--version-number", "1", got)
            with open(got) as f:
                self.assertTrue(json.load(f)["values"]["dark-mode"]["enabled"])
            strat = aws("create-deployment-strategy", "--name", "cli-fast", "--deployment-duration-in-minutes", "1", "--growth-factor", "50", "--final-bake-time-in-minutes", "0", "--replicate-to", "NONE")["Id"]
            d = aws("start-deployment", "--application-id", app, "--environment-id", env, "--deployment-strategy-id", strat, "--configuration-profile-id", prof, "--configuration-version", "1")
            self.assertEqual(d["State"], "DEPLOYING")
            # --speed 60: the one-minute strategy takes about a second.
            deadline = time.monotonic() + 30
            while True:
                state = aws("get-deployment", "--application-id", app, "--environment-id", env, "--deployment-number", str(d["DeploymentNumber"]))["State"]
                if state == "COMPLETE" or time.monotonic() > deadline:
                    break
                time.sleep(0.5)
            self.assertEqual(state, "COMPLETE")
            arn = f"arn:aws:appconfig:us-east-1:123456789012:application/{app}"
            self.assertEqual(aws("list-tags-for-resource", "--resource-arn", arn)["Tags"], {"team": "cli"})
            aws("delete-hosted-configuration-version", "--application-id", app, "--configuration-profile-id", prof, "--version-number", "1")
            aws("delete-configuration-profile", "--application-id", app, "--configuration-profile-id", prof)
            aws("delete-environment", "--application-id", app, "--environment-id", env)
            aws("delete-deployment-strategy", "--deployment-strategy-id", strat)
            aws("delete-application", "--application-id", app)
            gone = aws("get-application", "--application-id", app, check=False)
            self.assertNotEqual(gone.returncode, 0)
            self.assertIn("ResourceNotFoundException", gone.stderr)

    def test_refused_input(self):
        p = aws("create-deployment-strategy", "--name", "bad", "--deployment-duration-in-minutes", "2000", "--growth-factor", "10", check=False)
        self.assertNotEqual(p.returncode, 0)
        self.assertIn("BadRequestException", p.stderr)
        self.assertIn("less than or equal to 1440", p.stderr)


if __name__ == "__main__":
    result = unittest.main(exit=False, verbosity=2).result
    failed = len(result.failures) + len(result.errors) + len(result.unexpectedSuccesses)
    passed = result.testsRun - failed - len(result.skipped)
    print(f"awscli: {passed} passed, {failed} failed")
    sys.exit(1 if failed or passed == 0 else 0)
