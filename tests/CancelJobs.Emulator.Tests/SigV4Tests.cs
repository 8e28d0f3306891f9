using System;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using CancelJobs.Emulator.Control;
using CancelJobs.Emulator.Seeding;
using CancelJobs.Emulator.Services.IoT;
using CancelJobs.Emulator.Tests.Support;
using Xunit;

namespace CancelJobs.Emulator.Tests;

public sealed class SigV4Tests
{
    private const string DescribePath = "/things/sensor-001/jobs/fw-rollout-7";

    private static async Task<TestEmulator> StartAsync()
    {
        TestEmulator emulator = await TestEmulator.StartAsync();
        emulator.State.SeedDemo();
        return emulator;
    }

    [Fact]
    public async Task Correctly_signed_request_is_valid()
    {
        await using var emulator = await StartAsync();

        AwsResponse response = await emulator.RestAsync("GET", DescribePath + "?executionNumber=1", "iot");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("Valid", emulator.State.Requests.Single().Signature);
    }

    [Fact]
    public async Task Wrong_secret_is_an_invalid_signature()
    {
        await using var emulator = await StartAsync();

        AwsResponse response = await emulator.SendAsync("GET", DescribePath, null, null,
            sign: (r, b) => TestSigner.Sign(r, b, "iot", secretKey: "not-the-secret"));

        Assert.Equal((HttpStatusCode.Forbidden, "InvalidSignatureException"), (response.Status, response.ErrorCode));
        Assert.StartsWith("The request signature we calculated does not match the signature you provided.", response.Message);
        Assert.Equal("Invalid", emulator.State.Requests.Single().Signature);
    }

    [Fact]
    public async Task Body_changed_after_signing_is_an_invalid_signature()
    {
        await using var emulator = await StartAsync();

        AwsResponse response = await emulator.SendAsync("PUT", "/things/sensor-001/jobs/fw-rollout-7/cancel", null, """{"expectedVersion":1}""",
            sign: (r, _) => TestSigner.Sign(r, "{}"u8.ToArray(), "iot"));

        Assert.Equal("InvalidSignatureException", response.ErrorCode);
        Assert.Equal("QUEUED", emulator.State.FindIoTExecution("fw-rollout-7", "sensor-001")!.Status);
    }

    [Fact]
    public async Task Unknown_access_key_is_an_unrecognized_client()
    {
        await using var emulator = await StartAsync();

        AwsResponse response = await emulator.SendAsync("GET", DescribePath, null, null,
            sign: (r, b) => TestSigner.Sign(r, b, "iot", accessKey: "AKIDUNKNOWN"));

        Assert.Equal((HttpStatusCode.Forbidden, "UnrecognizedClientException"), (response.Status, response.ErrorCode));
        Assert.Equal("The security token included in the request is invalid.", response.Message);
        Assert.Equal("UnknownKey", emulator.State.Requests.Single().Signature);
    }

    [Fact]
    public async Task Missing_authorization_is_a_missing_token()
    {
        await using var emulator = await StartAsync();

        AwsResponse response = await emulator.SendAsync("GET", DescribePath, null, null);

        Assert.Equal((HttpStatusCode.Forbidden, "MissingAuthenticationTokenException"), (response.Status, response.ErrorCode));
        Assert.Equal("Missing", emulator.State.Requests.Single().Signature);
    }

    [Fact]
    public async Task Skewed_clock_is_signature_expired()
    {
        await using var emulator = await StartAsync();

        AwsResponse response = await emulator.SendAsync("GET", DescribePath, null, null,
            sign: (r, b) => TestSigner.Sign(r, b, "iot", at: DateTimeOffset.UtcNow.AddMinutes(-10)));

        Assert.Equal((HttpStatusCode.Forbidden, "InvalidSignatureException"), (response.Status, response.ErrorCode));
        Assert.StartsWith("Signature expired:", response.Message);
        Assert.Equal("Expired", emulator.State.Requests.Single().Signature);
    }

    [Fact]
    public async Task Credential_scoped_to_another_service_is_invalid()
    {
        await using var emulator = await StartAsync();

        AwsResponse response = await emulator.SendAsync("GET", DescribePath, "datazone", null);

        Assert.Equal("InvalidSignatureException", response.ErrorCode);
        Assert.Contains("'iot'", response.Message);
        Assert.Equal("Invalid", emulator.State.Requests.Single().Signature);
    }

    [Fact]
    public async Task Session_token_must_be_signed()
    {
        await using var emulator = await StartAsync();

        AwsResponse signed = await emulator.SendAsync("GET", DescribePath, null, null,
            sign: (r, b) => TestSigner.Sign(r, b, "iot", sessionToken: "token-1"));
        AwsResponse unsigned = await emulator.SendAsync("GET", DescribePath, null, null,
            sign: (r, b) =>
            {
                TestSigner.Sign(r, b, "iot");
                r.Headers.TryAddWithoutValidation("X-Amz-Security-Token", "token-2");
            });

        Assert.Equal(HttpStatusCode.OK, signed.Status);
        Assert.Equal("InvalidSignatureException", unsigned.ErrorCode);
    }

    [Fact]
    public async Task Auth_errors_use_the_json_1_1_encoding_for_dms()
    {
        await using var emulator = await StartAsync();

        AwsResponse response = await emulator.SendAsync("POST", "/", null, "{}", "application/x-amz-json-1.1",
            "AmazonDMSv20160101.DescribeMetadataModelConversions");

        Assert.Equal((HttpStatusCode.Forbidden, "MissingAuthenticationTokenException"), (response.Status, response.ErrorCode));
        Assert.Null(response.ErrorTypeHeader);
    }

    [Fact]
    public async Task Encoded_path_is_accepted_double_encoded_as_sdks_sign_it_and_rejected_single_encoded()
    {
        await using var emulator = await TestEmulator.StartAsync();
        emulator.State.Seed(new SeedDocument
        {
            Iot = [new IoTSeed { JobId = "j1", ThingName = "a:b" }, new IoTSeed { JobId = "j1", ThingName = "c:d" }],
        });

        AwsResponse sdkStyle = await emulator.RestAsync("GET", "/things/a%3Ab/jobs/j1", "iot");
        AwsResponse s3Style = await emulator.SendAsync("GET", "/things/c%3Ad/jobs/j1", null, null,
            sign: (r, b) => TestSigner.Sign(r, b, "iot", singleEncodePath: true));

        Assert.Equal(HttpStatusCode.OK, sdkStyle.Status);
        Assert.Equal((HttpStatusCode.Forbidden, "InvalidSignatureException"), (s3Style.Status, s3Style.ErrorCode));
        Assert.Equal(["Valid", "Invalid"], emulator.State.Requests.Select(r => r.Signature));
        Assert.Equal("canonical URI: double-encoded", emulator.State.Requests[0].SignatureNote);
    }

    [Fact]
    public async Task Signature_over_the_canonical_uri_that_AWSSDK_Core_computes_is_valid()
    {
        // Captured from AWSSDK.Core 4.1.0 (DefaultRequest.AddPathResource + AWS4Signer, UseDoubleEncoding
        // defaults to true) for thing name "plant:line 1+x": the wire path and the canonical URI it signs.
        const string WirePath = "/things/plant%3Aline%201%2Bx/jobs/job-1";
        const string SdkCanonicalUri = "/things/plant%253Aline%25201%252Bx/jobs/job-1";
        await using var emulator = await StartAsync();

        AwsResponse response = await emulator.SendAsync("GET", WirePath, null, null,
            sign: (r, b) => TestSigner.Sign(r, b, "iot", canonicalUriOverride: SdkCanonicalUri));

        RequestLogEntry entry = emulator.State.Requests.Single();
        Assert.Equal(WirePath, entry.Path);
        Assert.Equal(("Valid", "canonical URI: double-encoded"), (entry.Signature, entry.SignatureNote));
        Assert.Equal("InvalidRequestException", response.ErrorCode); // past authentication; ' ' and '+' break the ThingName pattern
    }
}
