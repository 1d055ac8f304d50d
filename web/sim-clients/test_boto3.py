"""boto3 (pinned in requirements.txt) against appconfig-sim.

SIM_URL is the simulator's base URL (run.sh starts it with --speed 60). Prints
"boto3: N passed, M failed" last.
"""

import datetime
import json
import os
import sys
import time
import unittest

import boto3
import botocore.loaders
from botocore import UNSIGNED
from botocore.config import Config
from botocore.exceptions import ClientError, WaiterError

URL = os.environ["SIM_URL"]
DEMO_ID = "AKIDAPPCONFIGSIMDEMO"
DEMO_SECRET = "appconfig-sim-demo-secret-key"


def client(key=DEMO_ID, secret=DEMO_SECRET):
    return boto3.client(
        "appconfig",
        endpoint_url=URL,
        region_name="us-east-1",
        aws_access_key_id=key,
        aws_secret_access_key=secret,
        config=Config(retries={"max_attempts": 1, "mode": "standard"}),
    )


C = client()


def error_of(call, **kwargs):
    try:
        call(**kwargs)
    except ClientError as e:
        return e
    raise AssertionError("expected an error")


class Boto3AgainstSimulator(unittest.TestCase):
    def assert_error(self, e, code, status):
        self.assertEqual(e.response["Error"]["Code"], code, e.response)
        self.assertEqual(e.response["ResponseMetadata"]["HTTPStatusCode"], status)
        self.assertRegex(e.response["ResponseMetadata"]["RequestId"], r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")

    def test_applications(self):
        items = C.list_applications()["Items"]
        self.assertEqual([a["Id"] for a in items], ["339ohji", "pay0001", "web0001"])
        paged = [a["Id"] for p in C.get_paginator("list_applications").paginate(PaginationConfig={"PageSize": 1}) for a in p["Items"]]
        self.assertEqual(paged, ["339ohji", "pay0001", "web0001"])
        self.assertEqual(C.get_application(ApplicationId="339ohji")["Name"], "Example-Application")
        self.assertEqual(C.get_application(ApplicationId="storefront")["Id"], "web0001")

    def test_environment_ready_for_deployment_waiter(self):
        # AWS's own waiter expects "ReadyForDeployment" (waiters-2.json): it timed out when the
        # simulator sent the model's READY_FOR_DEPLOYMENT.
        d = C.start_deployment(ApplicationId="339ohji", EnvironmentId="54j1r29", DeploymentStrategyId="fast001", ConfigurationProfileId="ur8hx2f", ConfigurationVersion="5")
        self.assertEqual(C.get_environment(ApplicationId="339ohji", EnvironmentId="54j1r29")["State"], "Deploying")
        started = time.monotonic()
        C.get_waiter("environment_ready_for_deployment").wait(ApplicationId="339ohji", EnvironmentId="54j1r29", WaiterConfig={"Delay": 1, "MaxAttempts": 30})
        self.assertLess(time.monotonic() - started, 30)
        done = C.get_deployment(ApplicationId="339ohji", EnvironmentId="54j1r29", DeploymentNumber=d["DeploymentNumber"])
        self.assertEqual(done["State"], "COMPLETE")
        self.assertEqual(C.get_environment(ApplicationId="339ohji", EnvironmentId="54j1r29")["State"], "ReadyForDeployment")

    def test_environments(self):
        envs = [e for p in C.get_paginator("list_environments").paginate(ApplicationId="pay0001", PaginationConfig={"PageSize": 1}) for e in p["Items"]]
        self.assertEqual([e["Id"] for e in envs], ["prd0001", "stg0001"])
        self.assertTrue(envs[0]["Monitors"][0]["AlarmArn"].startswith("arn:aws:cloudwatch:"))
        e = C.get_environment(ApplicationId="339ohji", EnvironmentId="54j1r29")
        self.assertEqual(e["Name"], "Example-Environment")

    def test_get_deployment_equals_botocore_example(self):
        examples = botocore.loaders.Loader().load_service_model("appconfig", "examples-1")
        want = examples["examples"]["GetDeployment"][0]["output"]
        got = C.get_deployment(ApplicationId="339ohji", EnvironmentId="54j1r29", DeploymentNumber=1)
        got.pop("ResponseMetadata")
        self.assertEqual(sorted(got), sorted(want))

        def norm(v):
            if isinstance(v, str):
                try:
                    return datetime.datetime.fromisoformat(v)
                except ValueError:
                    return v
            if isinstance(v, dict):
                return {k: norm(x) for k, x in v.items()}
            if isinstance(v, list):
                return [norm(x) for x in v]
            return v

        self.assertEqual(got, norm(want))
        self.assertEqual(got["StartedAt"].microsecond, 205000)

    def test_seeded_history(self):
        d2 = C.get_deployment(ApplicationId="pay0001", EnvironmentId="prd0001", DeploymentNumber=2)
        self.assertEqual(d2["State"], "ROLLED_BACK")
        started = [e for e in d2["EventLog"] if e["EventType"] == "ROLLBACK_STARTED"][0]
        self.assertEqual(started["TriggeredBy"], "CLOUDWATCH_ALARM")
        self.assertIn("ErrorMessage", started["ActionInvocations"][0])
        d4 = C.get_deployment(ApplicationId="pay0001", EnvironmentId="prd0001", DeploymentNumber=4)
        self.assertGreaterEqual(len(d4["EventLog"]), 200)
        d3 = C.get_deployment(ApplicationId="pay0001", EnvironmentId="prd0001", DeploymentNumber=3)
        self.assertEqual(d3["State"], "REVERTED")

    def test_list_deployments_paginator(self):
        pages = list(C.get_paginator("list_deployments").paginate(ApplicationId="web0001", EnvironmentId="dev0001", PaginationConfig={"PageSize": 7}))
        numbers = [d["DeploymentNumber"] for p in pages for d in p["Items"]]
        self.assertGreaterEqual(len(numbers), 60)
        self.assertEqual(numbers, sorted(numbers, reverse=True))
        self.assertEqual(len(set(numbers)), len(numbers))
        self.assertTrue(all(isinstance(d["StartedAt"], datetime.datetime) for p in pages for d in p["Items"]))

    def test_strategies(self):
        ids = [s["Id"] for p in C.get_paginator("list_deployment_strategies").paginate(PaginationConfig={"PageSize": 3}) for s in p["Items"]]
        for i in ["1225qzk", "AppConfig.AllAtOnce", "AppConfig.Linear50PercentEvery30Seconds", "AppConfig.Canary10Percent20Minutes", "AppConfig.Linear20PercentEvery6Minutes", "fast001"]:
            self.assertIn(i, ids)
        s = C.get_deployment_strategy(DeploymentStrategyId="AppConfig.Linear20PercentEvery6Minutes")
        self.assertEqual((s["GrowthType"], s["GrowthFactor"], s["DeploymentDurationInMinutes"], s["FinalBakeTimeInMinutes"]), ("LINEAR", 20.0, 30, 30))

    def test_start_wait_and_revert(self):
        d = C.start_deployment(
            ApplicationId="web0001",
            EnvironmentId="dev0001",
            DeploymentStrategyId="fast001",
            ConfigurationProfileId="wcfg001",
            ConfigurationVersion="500",
            Description="from boto3",
            Tags={"by": "python"},
            KmsKeyIdentifier="alias/storefront",
            DynamicExtensionParameters={"ticket": "PY-1"},
        )
        self.assertEqual(d["ResponseMetadata"]["HTTPStatusCode"], 201)
        self.assertEqual(d["State"], "DEPLOYING")
        n = d["DeploymentNumber"]
        e = error_of(C.start_deployment, ApplicationId="web0001", EnvironmentId="dev0001", DeploymentStrategyId="fast001", ConfigurationProfileId="wcfg001", ConfigurationVersion="501")
        self.assert_error(e, "ConflictException", 409)
        self.assertIsInstance(e, C.exceptions.ConflictException)
        C.get_waiter("deployment_complete").wait(ApplicationId="web0001", EnvironmentId="dev0001", DeploymentNumber=n, WaiterConfig={"Delay": 1, "MaxAttempts": 30})
        done = C.get_deployment(ApplicationId="web0001", EnvironmentId="dev0001", DeploymentNumber=n)
        self.assertEqual(done["State"], "COMPLETE")
        self.assertEqual([e["EventType"] for e in done["EventLog"]], ["DEPLOYMENT_COMPLETED", "BAKE_TIME_STARTED", "PERCENTAGE_UPDATED", "PERCENTAGE_UPDATED", "DEPLOYMENT_STARTED"])
        r = C.stop_deployment(ApplicationId="web0001", EnvironmentId="dev0001", DeploymentNumber=n, AllowRevert=True)
        self.assertEqual(r["ResponseMetadata"]["HTTPStatusCode"], 202)
        r.pop("ResponseMetadata")
        # Numeric members only, all zero, as the AWS CLI's stop-deployment example prints.
        self.assertEqual(r, {"DeploymentNumber": 0, "DeploymentDurationInMinutes": 0, "GrowthFactor": 0.0, "FinalBakeTimeInMinutes": 0, "PercentageComplete": 0.0})
        reverted = C.get_deployment(ApplicationId="web0001", EnvironmentId="dev0001", DeploymentNumber=n)
        self.assertEqual(reverted["State"], "REVERTED")
        self.assertEqual(reverted["EventLog"][0]["EventType"], "REVERT_COMPLETED")

    def test_stop_rolls_back(self):
        d = C.start_deployment(ApplicationId="pay0001", EnvironmentId="prd0001", DeploymentStrategyId="AppConfig.Linear20PercentEvery6Minutes", ConfigurationProfileId="pflags1", ConfigurationVersion="600")
        r = C.stop_deployment(ApplicationId="pay0001", EnvironmentId="prd0001", DeploymentNumber=d["DeploymentNumber"])
        self.assertEqual(r["ResponseMetadata"]["HTTPStatusCode"], 202)
        self.assertEqual(r["DeploymentNumber"], 0)
        self.assertNotIn("State", r)
        with self.assertRaises(WaiterError) as w:
            C.get_waiter("deployment_complete").wait(ApplicationId="pay0001", EnvironmentId="prd0001", DeploymentNumber=d["DeploymentNumber"], WaiterConfig={"Delay": 1, "MaxAttempts": 10})
        self.assertIn("ROLLED_BACK", str(w.exception))
        env = C.get_environment(ApplicationId="pay0001", EnvironmentId="prd0001")
        # CamelCase, as AppConfig sends it (waiters-2.json; the model's enum says ROLLED_BACK).
        self.assertEqual(env["State"], "RolledBack")
        # AWS's EnvironmentReadyForDeployment waiter fails on RolledBack.
        with self.assertRaises(WaiterError) as w:
            C.get_waiter("environment_ready_for_deployment").wait(ApplicationId="pay0001", EnvironmentId="prd0001", WaiterConfig={"Delay": 1, "MaxAttempts": 3})
        self.assertIn("RolledBack", str(w.exception))

    def test_wrong_secret(self):
        e = error_of(client(secret="not-the-secret").list_applications)
        self.assert_error(e, "InvalidSignatureException", 403)
        self.assertTrue(e.response["Error"]["Message"].startswith("The request signature we calculated does not match"))

    def test_unsigned_request(self):
        # AppConfig's front end answers an unsigned request with XML and no x-amzn-ErrorType
        # (captured in AllanZhengYP/cors-test, output.md); botocore then reports code "403"
        # and the XML as the message, against AWS as here.
        unsigned = boto3.client("appconfig", endpoint_url=URL, region_name="us-east-1", config=Config(signature_version=UNSIGNED, retries={"max_attempts": 1, "mode": "standard"}))
        e = error_of(unsigned.list_applications)
        self.assertEqual(e.response["ResponseMetadata"]["HTTPStatusCode"], 403)
        self.assertEqual(e.response["Error"]["Code"], "403")
        self.assertIn("<Message>Missing Authentication Token</Message>", e.response["Error"]["Message"])

    def test_unknown_key(self):
        e = error_of(client(key="AKIDNOBODY").list_applications)
        self.assert_error(e, "UnrecognizedClientException", 403)
        self.assertEqual(e.response["Error"]["Message"], "The security token included in the request is invalid.")

    def test_not_found_and_bad_request(self):
        e = error_of(C.get_deployment, ApplicationId="pay0001", EnvironmentId="prd0001", DeploymentNumber=999)
        self.assert_error(e, "ResourceNotFoundException", 404)
        self.assertIsInstance(e, C.exceptions.ResourceNotFoundException)
        self.assertEqual(e.response.get("ResourceName"), "Deployment")
        e = error_of(C.get_environment, ApplicationId="pay0001", EnvironmentId="nope123")
        self.assert_error(e, "ResourceNotFoundException", 404)
        e = error_of(C.list_deployments, ApplicationId="web0001", EnvironmentId="dev0001", NextToken="garbage")
        self.assert_error(e, "BadRequestException", 400)
        self.assertIsInstance(e, C.exceptions.BadRequestException)



class Boto3Workflow(unittest.TestCase):
    """What a user does to roll out a configuration of their own, end to end, and what the
    model refuses along the way. Leaves nothing behind (the later suites list applications)."""

    def assert_error(self, e, code, status):
        self.assertEqual(e.response["Error"]["Code"], code, e.response)
        self.assertEqual(e.response["ResponseMetadata"]["HTTPStatusCode"], status, e.response)

    def test_create_deploy_tag_and_delete(self):
        arn = "arn:aws:appconfig:us-east-1:123456789012:"
        app = C.create_application(Name="workflow-app", Description="from boto3", Tags={"team": "py"})
        self.assertEqual(app["ResponseMetadata"]["HTTPStatusCode"], 201)
        a = app["Id"]
        self.assertRegex(a, r"^[a-z0-9]{4,7}$")
        self.assertEqual(C.update_application(ApplicationId=a, Description="updated")["Description"], "updated")
        env = C.create_environment(ApplicationId=a, Name="beta", Tags={"stage": "beta"})
        self.assertEqual((env["ResponseMetadata"]["HTTPStatusCode"], env["State"]), (201, "ReadyForDeployment"))
        e = env["Id"]
        prof = C.create_configuration_profile(ApplicationId=a, Name="settings", LocationUri="hosted", Type="AWS.Freeform")
        self.assertEqual(prof["ResponseMetadata"]["HTTPStatusCode"], 201)
        p = prof["Id"]
        self.assertEqual(C.get_configuration_profile(ApplicationId=a, ConfigurationProfileId=p)["LocationUri"], "hosted")
        self.assertEqual([x["Id"] for x in C.list_configuration_profiles(ApplicationId=a)["Items"]], [p])

        # Hosted versions: text, then binary; the members come back in headers, the content as the body.
        v1 = C.create_hosted_configuration_version(ApplicationId=a, ConfigurationProfileId=p, Content=b"greeting=hello\n", ContentType="text/plain", Description="first", VersionLabel="v1.0")
        self.assertEqual((v1["ResponseMetadata"]["HTTPStatusCode"], v1["VersionNumber"], v1["VersionLabel"]), (201, 1, "v1.0"))
        self.assertEqual(v1["Content"].read(), b"greeting=hello\n")
        binary = bytes(range(256)) * 4
        v2 = C.create_hosted_configuration_version(ApplicationId=a, ConfigurationProfileId=p, Content=binary, ContentType="application/octet-stream", LatestVersionNumber=1)
        self.assertEqual(v2["VersionNumber"], 2)
        got = C.get_hosted_configuration_version(ApplicationId=a, ConfigurationProfileId=p, VersionNumber=2)
        self.assertEqual((got["Content"].read(), got["ContentType"], got["VersionNumber"]), (binary, "application/octet-stream", 2))
        got1 = C.get_hosted_configuration_version(ApplicationId=a, ConfigurationProfileId=p, VersionNumber=1)
        self.assertEqual((got1["Description"], got1["VersionLabel"]), ("first", "v1.0"))
        # Latest-Version-Number guards against overwriting a version someone made meanwhile.
        stale = error_of(C.create_hosted_configuration_version, ApplicationId=a, ConfigurationProfileId=p, Content=b"x", ContentType="text/plain", LatestVersionNumber=1)
        self.assert_error(stale, "ConflictException", 409)
        pages = list(C.get_paginator("list_hosted_configuration_versions").paginate(ApplicationId=a, ConfigurationProfileId=p, PaginationConfig={"PageSize": 1}))
        self.assertEqual([i["VersionNumber"] for pg in pages for i in pg["Items"]], [2, 1])
        labelled = C.list_hosted_configuration_versions(ApplicationId=a, ConfigurationProfileId=p, VersionLabel="v1.0")["Items"]
        self.assertEqual([i["VersionNumber"] for i in labelled], [1])

        # A strategy fast at the simulator's --speed 60: one minute is one second.
        st = C.create_deployment_strategy(Name="workflow-fast", DeploymentDurationInMinutes=1, GrowthFactor=50, FinalBakeTimeInMinutes=0, GrowthType="LINEAR", ReplicateTo="NONE")
        self.assertEqual(st["ResponseMetadata"]["HTTPStatusCode"], 201)
        s = st["Id"]
        self.assertEqual(C.update_deployment_strategy(DeploymentStrategyId=s, Description="fast")["Description"], "fast")

        # Deploy version 2 by number, then version 1 by its label, and watch both complete.
        d = C.start_deployment(ApplicationId=a, EnvironmentId=e, DeploymentStrategyId=s, ConfigurationProfileId=p, ConfigurationVersion="2", Tags={"change": "CHG-1"})
        self.assertEqual((d["State"], d["ConfigurationName"], d["ConfigurationLocationUri"]), ("DEPLOYING", "settings", "hosted"))
        C.get_waiter("deployment_complete").wait(ApplicationId=a, EnvironmentId=e, DeploymentNumber=d["DeploymentNumber"], WaiterConfig={"Delay": 1, "MaxAttempts": 30})
        self.assertEqual(C.get_deployment(ApplicationId=a, EnvironmentId=e, DeploymentNumber=1)["State"], "COMPLETE")
        d2 = C.start_deployment(ApplicationId=a, EnvironmentId=e, DeploymentStrategyId=s, ConfigurationProfileId=p, ConfigurationVersion="v1.0")
        self.assertEqual((d2["ConfigurationVersion"], d2["VersionLabel"]), ("1", "v1.0"))
        C.get_waiter("deployment_complete").wait(ApplicationId=a, EnvironmentId=e, DeploymentNumber=2, WaiterConfig={"Delay": 1, "MaxAttempts": 30})

        # Tags on every taggable ARN.
        app_arn, env_arn = f"{arn}application/{a}", f"{arn}application/{a}/environment/{e}"
        prof_arn, strat_arn = f"{arn}application/{a}/configurationprofile/{p}", f"{arn}deploymentstrategy/{s}"
        self.assertEqual(C.list_tags_for_resource(ResourceArn=app_arn)["Tags"], {"team": "py"})
        self.assertEqual(C.list_tags_for_resource(ResourceArn=env_arn)["Tags"], {"stage": "beta"})
        self.assertEqual(C.list_tags_for_resource(ResourceArn=f"{env_arn}/deployment/1")["Tags"], {"change": "CHG-1"})
        for r in [app_arn, env_arn, prof_arn, strat_arn]:
            self.assertEqual(C.tag_resource(ResourceArn=r, Tags={"owner": "me", "cost": "42"})["ResponseMetadata"]["HTTPStatusCode"], 204)
            C.untag_resource(ResourceArn=r, TagKeys=["cost"])
            self.assertEqual(C.list_tags_for_resource(ResourceArn=r)["Tags"].get("owner"), "me", r)
            self.assertNotIn("cost", C.list_tags_for_resource(ResourceArn=r)["Tags"], r)
        self.assert_error(error_of(C.list_tags_for_resource, ResourceArn=f"{arn}application/zzzz999"), "ResourceNotFoundException", 404)

        # Deletes, children first; each Get afterwards is ResourceNotFoundException.
        self.assert_error(error_of(C.delete_application, ApplicationId=a), "BadRequestException", 400)
        self.assert_error(error_of(C.delete_configuration_profile, ApplicationId=a, ConfigurationProfileId=p), "ConflictException", 409)
        for n in (1, 2):
            self.assertEqual(C.delete_hosted_configuration_version(ApplicationId=a, ConfigurationProfileId=p, VersionNumber=n)["ResponseMetadata"]["HTTPStatusCode"], 204)
        self.assert_error(error_of(C.get_hosted_configuration_version, ApplicationId=a, ConfigurationProfileId=p, VersionNumber=1), "ResourceNotFoundException", 404)
        C.delete_configuration_profile(ApplicationId=a, ConfigurationProfileId=p)
        gone = error_of(C.get_configuration_profile, ApplicationId=a, ConfigurationProfileId=p)
        self.assert_error(gone, "ResourceNotFoundException", 404)
        self.assertEqual(gone.response.get("ResourceName"), "ConfigurationProfile")
        C.delete_environment(ApplicationId=a, EnvironmentId=e)
        self.assert_error(error_of(C.get_environment, ApplicationId=a, EnvironmentId=e), "ResourceNotFoundException", 404)
        C.delete_deployment_strategy(DeploymentStrategyId=s)
        self.assert_error(error_of(C.get_deployment_strategy, DeploymentStrategyId=s), "ResourceNotFoundException", 404)
        C.delete_application(ApplicationId=a)
        self.assert_error(error_of(C.get_application, ApplicationId=a), "ResourceNotFoundException", 404)
        self.assert_error(error_of(C.delete_application, ApplicationId=a), "ResourceNotFoundException", 404)

    def test_inputs_the_model_refuses(self):
        cases = [
            (C.create_application, {"Name": "n" * 65}, "Member must have length less than or equal to 64"),
            (C.create_deployment_strategy, {"Name": "s", "DeploymentDurationInMinutes": 1441, "GrowthFactor": 10}, "Member must have value less than or equal to 1440"),
            (C.create_deployment_strategy, {"Name": "s", "DeploymentDurationInMinutes": 10, "GrowthFactor": 0.5}, "Member must have value greater than or equal to 1.0"),
            (C.create_configuration_profile, {"ApplicationId": "web0001", "Name": "p", "LocationUri": "hosted", "RetrievalRoleArn": "arn:aws:iam::123456789012:user/not-a-role"}, "regular expression pattern"),
            (C.create_environment, {"ApplicationId": "web0001", "Name": "e", "Monitors": [{"AlarmArn": f"arn:aws:cloudwatch:us-east-1:123456789012:alarm:a{i}"} for i in range(6)]}, "Member must have length less than or equal to 5"),
        ]
        # botocore checks minimums itself: a client that does not, so the simulator answers.
        nv = boto3.client("appconfig", endpoint_url=URL, region_name="us-east-1", aws_access_key_id=DEMO_ID, aws_secret_access_key=DEMO_SECRET, config=Config(parameter_validation=False, retries={"max_attempts": 1, "mode": "standard"}))
        for call, kwargs, message in cases:
            e = error_of(getattr(nv, call.__name__), **kwargs)
            self.assert_error(e, "BadRequestException", 400)
            self.assertIn(message, e.response["Error"]["Message"])
        # A version label must not be all digits; a feature flags profile takes only flags documents.
        e = error_of(C.create_hosted_configuration_version, ApplicationId="web0001", ConfigurationProfileId="wcfg001", Content=b"{}", ContentType="application/json", VersionLabel="123")
        self.assert_error(e, "BadRequestException", 400)
        e = error_of(C.create_hosted_configuration_version, ApplicationId="pay0001", ConfigurationProfileId="pflags1", Content=b'{"values":{}}', ContentType="application/json")
        self.assert_error(e, "BadRequestException", 400)
        self.assertEqual(e.response.get("Reason"), "InvalidConfiguration")
        self.assertEqual(e.response["Details"]["InvalidConfiguration"][0]["Type"], "FeatureFlags")
        # Over the hosted store's 2 MB quota.
        e = error_of(C.create_hosted_configuration_version, ApplicationId="web0001", ConfigurationProfileId="wcfg001", Content=b"x" * (2 * 1024 * 1024 + 1), ContentType="text/plain")
        self.assert_error(e, "PayloadTooLargeException", 413)
        self.assertEqual((e.response.get("Measure"), e.response.get("Limit")), ("KILOBYTES", 2048.0))
        # Only hosted profiles have hosted versions; predefined strategies cannot be deleted.
        e = error_of(C.create_hosted_configuration_version, ApplicationId="339ohji", ConfigurationProfileId="ur8hx2f", Content=b"x", ContentType="text/plain")
        self.assert_error(e, "BadRequestException", 400)
        self.assert_error(error_of(C.delete_deployment_strategy, DeploymentStrategyId="AppConfig.AllAtOnce"), "BadRequestException", 400)

    def test_seeded_hosted_versions(self):
        d = C.get_deployment(ApplicationId="pay0001", EnvironmentId="stg0001", DeploymentNumber=2)
        v = C.get_hosted_configuration_version(ApplicationId="pay0001", ConfigurationProfileId="pflags1", VersionNumber=int(d["ConfigurationVersion"]))
        doc = json.loads(v["Content"].read())
        self.assertEqual((doc["version"], v["ContentType"]), ("1", "application/json"))
        self.assertEqual(sorted(doc["flags"]), sorted(doc["values"]))
        self.assertEqual(C.get_configuration_profile(ApplicationId="pay0001", ConfigurationProfileId="pflags1")["Type"], "AWS.AppConfig.FeatureFlags")
        types = {p["Id"]: p["LocationUri"] for p in C.list_configuration_profiles(ApplicationId="339ohji")["Items"]}
        self.assertEqual(types, {"ur8hx2f": "ssm-parameter://Example-Parameter"})
        y = C.get_hosted_configuration_version(ApplicationId="web0001", ConfigurationProfileId="wbnr001", VersionNumber=1)
        self.assertEqual(y["ContentType"], "application/x-yaml")
        self.assertTrue(y["Content"].read().startswith(b"# Storefront banner"))


if __name__ == "__main__":
    result = unittest.main(exit=False, verbosity=2).result
    failed = len(result.failures) + len(result.errors) + len(result.unexpectedSuccesses)
    passed = result.testsRun - failed - len(result.skipped)
    print(f"boto3: {passed} passed, {failed} failed")
    sys.exit(1 if failed or passed == 0 else 0)
