using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Text;
using CancelJobs.Tests.Hosting;
using Xunit;

namespace CancelJobs.Tests.ModelOracle
{
    /// <summary>
    /// The official AWS models (models/aws-model-constraints.json) as the oracle: every identifier of every command gets
    /// boundary values derived from its pattern and length, through the module (hosted PowerShell: sent or refused
    /// before sending) and raw through the emulator (accepted or answered with the service's validation error). The
    /// expected verdict is the model's, except for the commented deviations in <see cref="Deviations"/>.
    /// </summary>
    public sealed class ModelBoundaryTests : IClassFixture<EmulatorFixture>
    {
        private readonly EmulatorFixture emulator;

        public ModelBoundaryTests(EmulatorFixture emulator) => this.emulator = emulator;

        /// <summary>Each command's identifier parameters: a script with the value in $v, and the model member it becomes.</summary>
        public static (string Script, string Service, string Operation, string Member)[] ModuleCases => ListedModuleCases
            .Concat(CancelJobs.Tests.Operations.OperationSamples.All.SelectMany(sample => sample.ModelMembers)).ToArray();

        // The first four operations' rows; a newer operation declares its own (Operations/<Noun>Sample.cs: ModelMembers).
        private static readonly (string Script, string Service, string Operation, string Member)[] ListedModuleCases =
        {
            ("Stop-TwinMakerTransferJob -MetadataTransferJobId $v -Confirm:$false @aws", "iottwinmaker", "CancelMetadataTransferJob", "metadataTransferJobId"),
            ("Get-TwinMakerTransferJob -MetadataTransferJobId $v @aws", "iottwinmaker", "GetMetadataTransferJob", "metadataTransferJobId"),
            ("Get-TwinMakerTransferJob -WorkspaceId $v -SourceType s3 -DestinationType iottwinmaker @aws", "iottwinmaker", "ListMetadataTransferJobs", "filters[].workspaceId"),
            ("Stop-IoTJobExecution -JobId $v -ThingName thing-1 -Confirm:$false @aws", "iot", "CancelJobExecution", "jobId"),
            ("Stop-IoTJobExecution -JobId job-1 -ThingName $v -Confirm:$false @aws", "iot", "CancelJobExecution", "thingName"),
            ("Stop-IoTJobExecution -JobId job-1 -ThingName thing-1 -StatusDetail @{ $v = 'x' } -Confirm:$false @aws", "iot", "CancelJobExecution", "statusDetails{key}"),
            ("Stop-IoTJobExecution -JobId job-1 -ThingName thing-1 -StatusDetail @{ k = $v } -Confirm:$false @aws", "iot", "CancelJobExecution", "statusDetails{value}"),
            ("Get-IoTJobExecution -JobId $v @aws", "iot", "ListJobExecutionsForJob", "jobId"),
            ("Get-IoTJobExecution -ThingName $v @aws", "iot", "ListJobExecutionsForThing", "thingName"),
            ("Get-IoTJobExecution -JobId $v -ThingName thing-1 @aws", "iot", "DescribeJobExecution", "jobId"),
            ("Get-IoTJobExecution -JobId job-1 -ThingName $v @aws", "iot", "DescribeJobExecution", "thingName"),
            ("Stop-DmsMetadataModelConversion -MigrationProjectIdentifier $v -RequestIdentifier req-1 -Confirm:$false @aws", "dms", "CancelMetadataModelConversion", "MigrationProjectIdentifier"),
            ("Stop-DmsMetadataModelConversion -MigrationProjectIdentifier proj -RequestIdentifier $v -Confirm:$false @aws", "dms", "CancelMetadataModelConversion", "RequestIdentifier"),
            ("Get-DmsMetadataModelConversion -MigrationProjectIdentifier $v @aws", "dms", "DescribeMetadataModelConversions", "MigrationProjectIdentifier"),
            ("Get-DmsMetadataModelConversion -MigrationProjectIdentifier proj -RequestIdentifier $v @aws", "dms", "DescribeMetadataModelConversions", "Filters[].Values[]"),
            ("Stop-DataZoneMetadataGenerationRun -DomainIdentifier $v -Identifier run-1 -Confirm:$false @aws", "datazone", "CancelMetadataGenerationRun", "domainIdentifier"),
            ("Stop-DataZoneMetadataGenerationRun -DomainIdentifier dzd_a -Identifier $v -Confirm:$false @aws", "datazone", "CancelMetadataGenerationRun", "identifier"),
            ("Get-DataZoneMetadataGenerationRun -DomainIdentifier $v @aws", "datazone", "ListMetadataGenerationRuns", "domainIdentifier"),
            ("Get-DataZoneMetadataGenerationRun -DomainIdentifier dzd_a -Identifier $v @aws", "datazone", "GetMetadataGenerationRun", "identifier"),
            ("Get-DataZoneMetadataGenerationRun -DomainIdentifier dzd_a -TargetIdentifier $v @aws", "datazone", "ListMetadataGenerationRuns", "targetIdentifier"),
        };

        public static IEnumerable<object[]> ModuleCaseIndexes() => ModuleCases.Select((_, i) => new object[] { i, ModuleCases[i].Script.Split(' ')[0] + " " + ModuleCases[i].Member });

        [Theory]
        [MemberData(nameof(ModuleCaseIndexes))]
        public void Module_sends_what_the_model_accepts_and_refuses_the_rest_before_sending(int index, string command)
        {
            var (script, service, operation, memberName) = ModuleCases[index];
            var member = ModelFacts.Member(service, operation, memberName);
            using var session = emulator.NewSession();
            var wrong = new List<string>();
            foreach (var value in BoundaryValues.For(member))
            {
                var expected = Deviations.Expected(Side.Module, member, value);
                var before = emulator.State.Requests.Count;
                using var shell = session.CreateShell(script);
                shell.Runspace.SessionStateProxy.SetVariable("v", value);
                IReadOnlyList<ErrorRecord> errors;
                try
                {
                    shell.Invoke();
                    errors = shell.Streams.Error.ToList();
                }
                catch (RuntimeException terminating)
                {
                    errors = new[] { terminating.ErrorRecord };
                }
                var sent = emulator.State.Requests.Count > before;
                if (sent != expected || (!sent && errors.Count == 0))
                {
                    wrong.Add($"{Show(value)}: model{(Deviations.Find(Side.Module, member, value) != null ? " (with deviation)" : "")} says {(expected == true ? "send" : "refuse")}, module {(sent ? "sent it" : "refused it")}"
                        + (sent ? "" : $" ({string.Join(", ", errors.Select(RunResult.ErrorIdOf))})"));
                }
            }
            Assert.True(wrong.Count == 0, $"{command} ({member}):\n" + string.Join("\n", wrong));
        }

        /// <summary>Every identifier member of the operations the emulator serves, put on the wire as an SDK would.</summary>
        public static (string Service, string Operation, string Member)[] EmulatorCases => ListedEmulatorCases
            .Concat(CancelJobs.Tests.Operations.OperationSamples.All.SelectMany(sample => sample.ModelOperations).SelectMany(o => ModelRest.StringMembers(o.Service, o.Operation)
                .Select(member => (o.Service, o.Operation, member)))).ToArray();

        // The first four operations' rows; a newer operation's come from the model for each operation it declares.
        private static readonly (string Service, string Operation, string Member)[] ListedEmulatorCases =
        {
            ("iottwinmaker", "CancelMetadataTransferJob", "metadataTransferJobId"),
            ("iottwinmaker", "GetMetadataTransferJob", "metadataTransferJobId"),
            ("iottwinmaker", "ListMetadataTransferJobs", "filters[].workspaceId"),
            ("iot", "CancelJobExecution", "jobId"),
            ("iot", "CancelJobExecution", "thingName"),
            ("iot", "CancelJobExecution", "statusDetails{key}"),
            ("iot", "CancelJobExecution", "statusDetails{value}"),
            ("iot", "DescribeJobExecution", "jobId"),
            ("iot", "DescribeJobExecution", "thingName"),
            ("iot", "ListJobExecutionsForJob", "jobId"),
            ("iot", "ListJobExecutionsForThing", "thingName"),
            ("iot", "ListJobExecutionsForThing", "jobId"),
            ("dms", "CancelMetadataModelConversion", "MigrationProjectIdentifier"),
            ("dms", "CancelMetadataModelConversion", "RequestIdentifier"),
            ("dms", "DescribeMetadataModelConversions", "MigrationProjectIdentifier"),
            ("dms", "DescribeMetadataModelConversions", "Filters[].Values[]"),
            ("dms", "StartMetadataModelConversion", "MigrationProjectIdentifier"),
            ("datazone", "CancelMetadataGenerationRun", "domainIdentifier"),
            ("datazone", "CancelMetadataGenerationRun", "identifier"),
            ("datazone", "GetMetadataGenerationRun", "domainIdentifier"),
            ("datazone", "GetMetadataGenerationRun", "identifier"),
            ("datazone", "ListMetadataGenerationRuns", "domainIdentifier"),
            ("datazone", "ListMetadataGenerationRuns", "targetIdentifier"),
        };

        public static IEnumerable<object[]> EmulatorCaseNames() => EmulatorCases.Select(c => new object[] { c.Service, c.Operation, c.Member });

        [Theory]
        [MemberData(nameof(EmulatorCaseNames))]
        public void Emulator_answers_each_boundary_value_as_the_model_says(string service, string operation, string memberName)
        {
            var member = ModelFacts.Member(service, operation, memberName);
            emulator.State.Reset();
            var validationError = ValidationErrorOf(service);
            var modelled = ModelFacts.Errors(service, operation);
            var wrong = new List<string>();
            foreach (var value in BoundaryValues.For(member))
            {
                var expected = Deviations.Expected(Side.Emulator, member, value);
                if (expected == null)
                {
                    continue;
                }
                var (status, code) = SendRaw(service, operation, memberName, value);
                var accepted = !(status == validationError.Status && code == validationError.Code);
                if (accepted != expected)
                {
                    wrong.Add($"{Show(value)}: model says {(expected == true ? "accept" : "refuse")}, emulator answered {status} {code}");
                }
                if (code != null && !modelled.Contains(new ModelledError(code, status)) && !Deviations.IsCommonError(service, new ModelledError(code, status)))
                {
                    wrong.Add($"{Show(value)}: {status} {code} is not an error the model lists for {operation}");
                }
            }
            Assert.True(wrong.Count == 0, $"{member}:\n" + string.Join("\n", wrong));
        }

        /// <summary>The validation error each service answers a constraint violation with (DMS: the common one, see Deviations).</summary>
        private static ModelledError ValidationErrorOf(string service) => service switch
        {
            "iot" => new ModelledError("InvalidRequestException", 400),
            "dms" => new ModelledError("ValidationException", 400),
            _ => new ModelledError("ValidationException", 400),
        };

        // One request with the value in the member's place and every other member valid.
        private (int Status, string? Code) SendRaw(string service, string operation, string member, string value)
        {
            string L(string name, string fallback) => Uri.EscapeDataString(member == name ? value : fallback);
            string Q(string name) => Uri.EscapeDataString(value);
            return (service, operation, member) switch
            {
                ("iottwinmaker", "CancelMetadataTransferJob", _) => Rest(service, "PUT", $"/metadata-transfer-jobs/{L(member, "")}/cancel", null),
                ("iottwinmaker", "GetMetadataTransferJob", _) => Rest(service, "GET", $"/metadata-transfer-jobs/{L(member, "")}", null),
                ("iottwinmaker", "ListMetadataTransferJobs", _) => Rest(service, "POST", "/metadata-transfer-jobs-list",
                    new { sourceType = "s3", destinationType = "iottwinmaker", filters = new[] { new { workspaceId = value } } }),
                ("iot", "CancelJobExecution", "statusDetails{key}") => Rest(service, "PUT", "/things/thing-1/jobs/job-1/cancel",
                    new { statusDetails = new Dictionary<string, string> { [value] = "x" } }),
                ("iot", "CancelJobExecution", "statusDetails{value}") => Rest(service, "PUT", "/things/thing-1/jobs/job-1/cancel",
                    new { statusDetails = new Dictionary<string, string> { ["k"] = value } }),
                ("iot", "CancelJobExecution", _) => Rest(service, "PUT", $"/things/{L("thingName", "thing-1")}/jobs/{L("jobId", "job-1")}/cancel", new { }),
                ("iot", "DescribeJobExecution", _) => Rest(service, "GET", $"/things/{L("thingName", "thing-1")}/jobs/{L("jobId", "job-1")}", null),
                ("iot", "ListJobExecutionsForJob", _) => Rest(service, "GET", $"/jobs/{L("jobId", "job-1")}/things", null),
                ("iot", "ListJobExecutionsForThing", "jobId") => Rest(service, "GET", $"/things/thing-1/jobs?jobId={Q("jobId")}", null),
                ("iot", "ListJobExecutionsForThing", _) => Rest(service, "GET", $"/things/{L("thingName", "thing-1")}/jobs", null),
                ("dms", "CancelMetadataModelConversion", _) => Dms(operation, new
                {
                    MigrationProjectIdentifier = member == "MigrationProjectIdentifier" ? value : "proj",
                    RequestIdentifier = member == "RequestIdentifier" ? value : "req-1",
                }),
                ("dms", "DescribeMetadataModelConversions", "Filters[].Values[]") => Dms(operation, new
                {
                    MigrationProjectIdentifier = "proj",
                    Filters = new[] { new { Name = "request-id", Values = new[] { value } } },
                }),
                ("dms", "DescribeMetadataModelConversions", _) => Dms(operation, new { MigrationProjectIdentifier = value }),
                ("dms", "StartMetadataModelConversion", _) => Dms(operation, new { MigrationProjectIdentifier = value, SelectionRules = "{}" }),
                ("datazone", "CancelMetadataGenerationRun", _) => Rest(service, "POST",
                    $"/v2/domains/{L("domainIdentifier", "dzd_a")}/metadata-generation-runs/{L("identifier", "run-1")}/cancel", null),
                ("datazone", "GetMetadataGenerationRun", _) => Rest(service, "GET",
                    $"/v2/domains/{L("domainIdentifier", "dzd_a")}/metadata-generation-runs/{L("identifier", "run-1")}", null),
                ("datazone", "ListMetadataGenerationRuns", "targetIdentifier") => Rest(service, "GET",
                    $"/v2/domains/dzd_a/metadata-generation-runs?targetIdentifier={Q("targetIdentifier")}", null),
                ("datazone", "ListMetadataGenerationRuns", _) => Rest(service, "GET", $"/v2/domains/{L("domainIdentifier", "dzd_a")}/metadata-generation-runs", null),
                _ when ModelRest.Declared(service, operation) => ModelRest.Send(emulator, service, operation, member, value),
                _ => throw new ArgumentException($"No raw request for {service} {operation}.{member}."),
            };
        }

        private (int Status, string? Code) Rest(string service, string method, string pathAndQuery, object? body) =>
            Raw.Send(emulator, method, pathAndQuery, service, body);

        private (int Status, string? Code) Dms(string operation, object body) => Raw.Dms(emulator, operation, body);

        private static string Show(string value)
        {
            var shown = new StringBuilder();
            foreach (var c in value.Length > 40 ? value.Substring(0, 20) + "…" + value.Substring(value.Length - 10) : value)
            {
                shown.Append(c < 0x20 || char.IsSurrogate(c) ? $"\\u{(int)c:X4}" : c.ToString());
            }
            return $"'{shown}' ({MemberFacts.CodePoints(value)} code points, {value.Length} UTF-16 units)";
        }
    }
}
