using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using CancelJobs.Emulator.Control;
using CancelJobs.Emulator.Tests.Support;
using CancelJobs.Tests.Hosting;
using Xunit;

namespace CancelJobs.Tests.ModelOracle
{
    /// <summary>
    /// The rest of the models' contract: the Get-* ValidateSets and the emulator's enums equal the models' enums, the
    /// emulator answers only errors the operation models (code and HTTP status), DataZone's refusal in both its forms,
    /// IoT's forceCanceled, and the cancel body the AWS SDKs send.
    /// </summary>
    public sealed class ModelContractTests : IClassFixture<EmulatorFixture>
    {
        private readonly EmulatorFixture emulator;

        public ModelContractTests(EmulatorFixture emulator) => this.emulator = emulator;

        public static IEnumerable<object[]> ValidateSets() => ListedValidateSets().Concat(CancelJobs.Tests.Operations.OperationSamples.All
            .SelectMany(sample => sample.ModelEnums.Select(e => new object[] { sample.GetCmdlet, e.Parameter, e.Service, e.Operation, e.Member })));

        // The first four operations' rows; a newer operation declares its own (Operations/<Noun>Sample.cs: ModelEnums).
        private static IEnumerable<object[]> ListedValidateSets() => new[]
        {
            new object[] { "Get-IoTJobExecution", "Status", "iot", "ListJobExecutionsForJob", "status" },
            new object[] { "Get-IoTJobExecution", "Status", "iot", "ListJobExecutionsForThing", "status" },
            new object[] { "Get-DataZoneMetadataGenerationRun", "Status", "datazone", "ListMetadataGenerationRuns", "status" },
            new object[] { "Get-DataZoneMetadataGenerationRun", "Type", "datazone", "ListMetadataGenerationRuns", "type" },
            new object[] { "Get-DataZoneMetadataGenerationRun", "Type", "datazone", "GetMetadataGenerationRun", "type" },
            new object[] { "Get-TwinMakerTransferJob", "State", "iottwinmaker", "ListMetadataTransferJobs", "filters[].state" },
            new object[] { "Get-TwinMakerTransferJob", "SourceType", "iottwinmaker", "ListMetadataTransferJobs", "sourceType" },
            new object[] { "Get-TwinMakerTransferJob", "DestinationType", "iottwinmaker", "ListMetadataTransferJobs", "destinationType" },
        };

        [Theory]
        [MemberData(nameof(ValidateSets))]
        public void ValidateSets_equal_the_model_enums(string command, string parameter, string service, string operation, string member)
        {
            var model = ModelFacts.Member(service, operation, member).Enum!;
            using var session = emulator.NewSession();

            var values = session.Run($"(Get-Command {command}).Parameters['{parameter}'].Attributes.Where({{ $_ -is [ValidateSet] }}).ValidValues").AssertClean()
                .Output.Select(o => o.ToString()).ToList();

            Assert.Equal(model.OrderBy(v => v, StringComparer.Ordinal), values.OrderBy(v => v, StringComparer.Ordinal));
        }

        [Fact]
        public void Dms_models_no_status_enum_so_Get_Dms_takes_its_values_from_the_service()
        {
            // SchemaConversionRequest.Status and the Filters' Values are plain strings in the DMS model; the -Status
            // ValidateSet holds the states DMS reports (shared/reference/aws-wire-facts.md). Should the model gain an
            // enum, this fails and the ValidateSet must follow it.
            Assert.Null(ModelFacts.Member("dms", "DescribeMetadataModelConversions", "Filters[].Values[]").Enum);
        }

        public static IEnumerable<object[]> EmulatorEnums() => ListedEmulatorEnums().Concat(CancelJobs.Tests.Operations.OperationSamples.All
            .SelectMany(sample => sample.ModelOperations)
            .SelectMany(o => ModelRest.EnumMembers(o.Service, o.Operation).Select(member => new object[] { o.Service, o.Operation, member })));

        private static IEnumerable<object[]> ListedEmulatorEnums() => new[]
        {
            new object[] { "iot", "ListJobExecutionsForJob", "status" },
            new object[] { "iot", "ListJobExecutionsForThing", "status" },
            new object[] { "datazone", "ListMetadataGenerationRuns", "status" },
            new object[] { "datazone", "ListMetadataGenerationRuns", "type" },
            new object[] { "datazone", "GetMetadataGenerationRun", "type" },
            new object[] { "iottwinmaker", "ListMetadataTransferJobs", "filters[].state" },
            new object[] { "iottwinmaker", "ListMetadataTransferJobs", "sourceType" },
            new object[] { "iottwinmaker", "ListMetadataTransferJobs", "destinationType" },
        };

        [Theory]
        [MemberData(nameof(EmulatorEnums))]
        public void Emulator_accepts_exactly_the_model_enum_values(string service, string operation, string member)
        {
            var model = ModelFacts.Member(service, operation, member).Enum!;
            emulator.State.Reset();
            emulator.State.SeedJson(Seeds.AllServices);
            var validation = service == "iot" ? "InvalidRequestException" : "ValidationException";

            foreach (var value in model)
            {
                var (status, code) = SendEnum(service, operation, member, value);
                Assert.False(status == 400 && code == validation, $"{operation}.{member} = {value}: {status} {code}");
            }
            foreach (var value in new[] { model[0].ToLowerInvariant() == model[0] ? model[0].ToUpperInvariant() : model[0].ToLowerInvariant(), "NOT_A_VALUE", model[0] + "\n" })
            {
                Assert.Equal((400, validation), SendEnum(service, operation, member, value));
            }
        }

        private (int, string?) SendEnum(string service, string operation, string member, string value)
        {
            var q = Uri.EscapeDataString(value);
            return (operation, member) switch
            {
                _ when ModelRest.Declared(service, operation) => ModelRest.Send(emulator, service, operation, member, value),
                ("ListJobExecutionsForJob", _) => Raw.Send(emulator, "GET", $"/jobs/fw-7/things?status={q}", service, null),
                ("ListJobExecutionsForThing", _) => Raw.Send(emulator, "GET", $"/things/sensor-1/jobs?status={q}", service, null),
                ("ListMetadataGenerationRuns", _) => Raw.Send(emulator, "GET", $"/v2/domains/dzd_sales01/metadata-generation-runs?{member}={q}", service, null),
                ("GetMetadataGenerationRun", _) => Raw.Send(emulator, "GET", $"/v2/domains/dzd_sales01/metadata-generation-runs/run-1?type={q}", service, null),
                (_, "filters[].state") => Raw.Send(emulator, "POST", "/metadata-transfer-jobs-list", service,
                    new { sourceType = "s3", destinationType = "iottwinmaker", filters = new[] { new { state = value } } }),
                (_, "sourceType") => Raw.Send(emulator, "POST", "/metadata-transfer-jobs-list", service, new { sourceType = value, destinationType = "iottwinmaker" }),
                _ => Raw.Send(emulator, "POST", "/metadata-transfer-jobs-list", service, new { sourceType = "s3", destinationType = value }),
            };
        }

        /// <summary>Each operation the emulator serves, and a request for it that the emulator can answer with every kind of error.</summary>
        public static IEnumerable<object[]> Operations() => ListedOperations().Concat(CancelJobs.Tests.Operations.OperationSamples.All
            .SelectMany(sample => sample.ModelOperations).Select(o => new object[] { o.Service, o.Operation }));

        private static IEnumerable<object[]> ListedOperations() => new[]
        {
            new object[] { "iottwinmaker", "CancelMetadataTransferJob" },
            new object[] { "iottwinmaker", "GetMetadataTransferJob" },
            new object[] { "iottwinmaker", "ListMetadataTransferJobs" },
            new object[] { "iot", "CancelJobExecution" },
            new object[] { "iot", "DescribeJobExecution" },
            new object[] { "iot", "ListJobExecutionsForJob" },
            new object[] { "iot", "ListJobExecutionsForThing" },
            new object[] { "dms", "CancelMetadataModelConversion" },
            new object[] { "dms", "DescribeMetadataModelConversions" },
            new object[] { "dms", "StartMetadataModelConversion" },
            new object[] { "datazone", "CancelMetadataGenerationRun" },
            new object[] { "datazone", "GetMetadataGenerationRun" },
            new object[] { "datazone", "ListMetadataGenerationRuns" },
        };

        [Theory]
        [MemberData(nameof(Operations))]
        public void Every_error_the_emulator_answers_is_one_the_operation_models(string service, string operation)
        {
            var modelled = ModelFacts.Errors(service, operation);
            var answers = new List<(string Case, int Status, string? Code)>();
            emulator.State.Reset();
            emulator.State.SeedJson(Seeds.AllServices);
            try
            {
                foreach (var (kind, faults) in new[]
                {
                    ("throttled", new FaultSettings { ThrottleRate = 1, FaultOperations = new[] { operation } }),
                    ("server error", new FaultSettings { ServerErrorRate = 1, FaultOperations = new[] { operation } }),
                })
                {
                    emulator.State.Faults = faults;
                    var (status, code) = Request(service, operation, "missing");
                    answers.Add((kind, status, code));
                }
            }
            finally
            {
                emulator.State.Faults = FaultSettings.None;
            }
            foreach (var which in new[] { "missing", "invalid", "finished" })
            {
                var (status, code) = Request(service, operation, which);
                answers.Add((which, status, code));
            }

            var unmodelled = answers.Where(a => a.Code != null
                    && !modelled.Contains(new ModelledError(a.Code, a.Status))
                    && !Deviations.IsCommonError(service, new ModelledError(a.Code, a.Status)))
                .Select(a => $"{a.Case}: {a.Status} {a.Code}").ToList();
            Assert.True(unmodelled.Count == 0, $"{service} {operation} answered errors its model does not list: {string.Join("; ", unmodelled)}");
            Assert.Contains(answers, a => a.Case == "throttled" && a.Code != null && a.Code.Contains("Throttl"));
            Assert.Contains(answers, a => a.Case == "server error" && a.Status >= 500);
        }

        // One request per case: an unknown job ("missing"), a malformed identifier ("invalid"), a finished job ("finished").
        private (int Status, string? Code) Request(string service, string operation, string which)
        {
            string Id(string existing, string finished) => which switch { "missing" => "no-such-job", "invalid" => "bad id!", _ => finished };
            return (service, operation) switch
            {
                _ when ModelRest.Declared(service, operation) => ModelRest.Request(emulator, service, operation, which),
                ("iottwinmaker", "CancelMetadataTransferJob") => Raw.Send(emulator, "PUT", $"/metadata-transfer-jobs/{Uri.EscapeDataString(Id("", "tm-done"))}/cancel", service, null),
                ("iottwinmaker", "GetMetadataTransferJob") => Raw.Send(emulator, "GET", $"/metadata-transfer-jobs/{Uri.EscapeDataString(Id("", "tm-done"))}", service, null),
                ("iottwinmaker", _) => Raw.Send(emulator, "POST", "/metadata-transfer-jobs-list", service,
                    new { sourceType = "s3", destinationType = which == "invalid" ? "ftp" : "iottwinmaker" }),
                ("iot", "CancelJobExecution") => Raw.Send(emulator, "PUT", $"/things/{Uri.EscapeDataString(Id("", "sensor-done"))}/jobs/fw-7/cancel", service, new { }),
                ("iot", "DescribeJobExecution") => Raw.Send(emulator, "GET", $"/things/{Uri.EscapeDataString(Id("", "sensor-1"))}/jobs/fw-7", service, null),
                ("iot", "ListJobExecutionsForJob") => Raw.Send(emulator, "GET", $"/jobs/{Uri.EscapeDataString(Id("", "fw-7"))}/things", service, null),
                ("iot", _) => Raw.Send(emulator, "GET", $"/things/{Uri.EscapeDataString(Id("", "sensor-1"))}/jobs", service, null),
                ("dms", "StartMetadataModelConversion") => Raw.Dms(emulator, operation,
                    which == "invalid" ? new { MigrationProjectIdentifier = new string('p', 256), SelectionRules = "{}" } : (object)new { MigrationProjectIdentifier = Id("", "legacy-oracle"), SelectionRules = "{}" }),
                ("dms", "DescribeMetadataModelConversions") => Raw.Dms(emulator, operation,
                    which == "invalid" ? new { MigrationProjectIdentifier = new string('p', 256) } : (object)new { MigrationProjectIdentifier = Id("", "legacy-oracle") }),
                ("dms", _) => Raw.Dms(emulator, operation,
                    which == "invalid" ? new { MigrationProjectIdentifier = new string('p', 256), RequestIdentifier = "r" } : (object)new { MigrationProjectIdentifier = "legacy-oracle", RequestIdentifier = Id("", "req-done") }),
                ("datazone", "ListMetadataGenerationRuns") => Raw.Send(emulator, "GET", $"/v2/domains/{Uri.EscapeDataString(which == "invalid" ? "dzd" : which == "missing" ? "dzd_nothing" : "dzd_sales01")}/metadata-generation-runs", service, null),
                ("datazone", "GetMetadataGenerationRun") => Raw.Send(emulator, "GET", $"/v2/domains/dzd_sales01/metadata-generation-runs/{Uri.EscapeDataString(Id("", "run-done"))}", service, null),
                _ => Raw.Send(emulator, "POST", $"/v2/domains/dzd_sales01/metadata-generation-runs/{Uri.EscapeDataString(Id("", "run-done"))}/cancel", service, null),
            };
        }

        [Theory]
        [InlineData("ValidationException", 400)]
        [InlineData("ConflictException", 409)]
        public void DataZone_refusal_in_either_form_is_InvalidJobState_and_a_cancelled_run_is_already_cancelled(string form, int status)
        {
            var before = emulator.State.Settings;
            emulator.State.Settings = before with { DataZoneCancelRefusal = form };
            try
            {
                using var session = emulator.NewSession(Seeds.AllServices);
                session.Run("Stop-DataZoneMetadataGenerationRun -DomainIdentifier dzd_sales01 -Identifier run-1 -Confirm:$false @aws").AssertClean();

                var again = session.Run("Stop-DataZoneMetadataGenerationRun -DomainIdentifier dzd_sales01 -Identifier run-1 -Confirm:$false @aws").AssertClean();
                var finished = session.Run("Stop-DataZoneMetadataGenerationRun -DomainIdentifier dzd_sales01 -Identifier run-done -Confirm:$false @aws");

                Assert.True((bool)again.Output.Single().Properties["AlreadyCancelled"].Value);
                Assert.Equal("InvalidJobState", Assert.Single(finished.ErrorIds));
                Assert.Contains("SUCCEEDED", finished.Errors[0].Exception.Message);
                var refusals = emulator.State.Requests.Where(r => r.Operation == "CancelMetadataGenerationRun" && r.StatusCode != 200).ToList();
                Assert.Equal(2, refusals.Count);
                Assert.All(refusals, r => Assert.Equal((status, form), (r.StatusCode, r.ErrorCode)));
                Assert.Contains((form, status), ModelFacts.Errors("datazone", "CancelMetadataGenerationRun").Select(e => (e.Code, e.Status)));
            }
            finally
            {
                emulator.State.Settings = before;
            }
        }

        [Fact]
        public void A_queued_execution_cancelled_with_force_reads_back_forceCanceled()
        {
            using var session = emulator.NewSession(Seeds.AllServices);

            session.Run("Stop-IoTJobExecution -JobId fw-7 -ThingName sensor-1 -CancelInProgress -Force @aws").AssertClean();
            var described = session.Run("Get-IoTJobExecution -JobId fw-7 -ThingName sensor-1 @aws").AssertClean().Output.Single();

            Assert.True(emulator.State.FindIoTExecution("fw-7", "sensor-1")!.ForceCanceled);
            Assert.Equal(true, described.Properties["ForceCanceled"]?.Value);
        }

        [Fact]
        public void CancelInProgress_without_a_body_sends_an_empty_JSON_object_as_the_JS_SDK_does()
        {
            using var session = emulator.NewSession(Seeds.AllServices);

            session.Run("Stop-IoTJobExecution -JobId fw-7 -ThingName sensor-3 -CancelInProgress -Force @aws").AssertClean();

            var cancel = emulator.State.Requests.Single(r => r.Operation == "CancelJobExecution");
            Assert.Equal("{}", cancel.Body);
            Assert.Equal("application/json", cancel.Headers.First(h => h.Key.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)).Value);
        }
    }

    /// <summary>Raw, signed requests to the emulator, as an SDK would put them on the wire.</summary>
    internal static class Raw
    {
        public static (int Status, string? Code) Send(EmulatorFixture emulator, string method, string pathAndQuery, string service, object? body) =>
            Send(emulator, method, pathAndQuery, service, body == null ? null : JsonSerializer.Serialize(body), "application/json", null);

        public static (int Status, string? Code) Dms(EmulatorFixture emulator, string operation, object body) =>
            Send(emulator, "POST", "/", "dms", JsonSerializer.Serialize(body), "application/x-amz-json-1.1", "AmazonDMSv20160101." + operation);

        public static (int Status, string? Code) Send(EmulatorFixture emulator, string method, string pathAndQuery, string service, string? body, string contentType, string? target)
        {
            using var http = new HttpClient();
            var bytes = body == null ? Array.Empty<byte>() : Encoding.UTF8.GetBytes(body);
            using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(emulator.Host.BaseUri, pathAndQuery));
            if (body != null)
            {
                request.Content = new ByteArrayContent(bytes);
                request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            }
            if (target != null)
            {
                request.Headers.TryAddWithoutValidation("X-Amz-Target", target);
            }
            TestSigner.Sign(request, bytes, service);
            using var response = http.Send(request);
            var text = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
            string? code = response.Headers.TryGetValues("x-amzn-ErrorType", out var types) ? types.Single().Split(':')[0] : null;
            if (code == null && !response.IsSuccessStatusCode && text.Length > 0)
            {
                using var json = JsonDocument.Parse(text);
                code = json.RootElement.TryGetProperty("__type", out var type) ? type.GetString()?.Split('#').Last() : null;
            }
            return ((int)response.StatusCode, code);
        }
    }
}
