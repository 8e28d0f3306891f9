using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using CancelJobs.Tests.Hosting;
using CancelJobs.Tests.Operations;

namespace CancelJobs.Tests.ModelOracle
{
    /// <summary>
    /// Raw rest-json requests built from the model's HTTP binding (method, URI template, each member's location), for
    /// the operations an <see cref="OperationSample"/> declares: the oracle needs no hand-written request per member.
    /// </summary>
    internal static class ModelRest
    {
        public static bool Declared(string service, string operation) => SampleOf(service, operation) != null;

        private static OperationSample? SampleOf(string service, string operation) =>
            OperationSamples.All.FirstOrDefault(s => s.ModelOperations.Contains((service, operation)));

        private static IEnumerable<JsonElement> Inputs(string service, string operation) =>
            ModelFacts.OperationOf(service, operation).GetProperty("input").EnumerateArray();

        private static string Text(JsonElement row, string name) => row.TryGetProperty(name, out var value) ? value.GetString() ?? "" : "";

        /// <summary>String members with a length or pattern constraint, in the path, the query or the body.</summary>
        public static IEnumerable<string> StringMembers(string service, string operation) =>
            Inputs(service, operation)
                .Where(row => Text(row, "type") == "string" && (row.TryGetProperty("length", out _) || row.TryGetProperty("pattern", out _)))
                .Select(row => Text(row, "member"));

        public static IEnumerable<string> EnumMembers(string service, string operation) =>
            Inputs(service, operation).Where(row => row.TryGetProperty("enum", out _)).Select(row => Text(row, "member"));

        /// <summary>One request with <paramref name="value"/> in <paramref name="member"/>'s place and every label valid.</summary>
        public static (int Status, string? Code) Send(EmulatorFixture emulator, string service, string operation, string member, string value) =>
            Build(emulator, service, operation, label => label == member ? value : ValidLabel(service, operation, label), member, value);

        /// <summary>An unknown job ("missing"), a malformed label or enum value ("invalid"), the sample's job that cannot be cancelled ("finished").</summary>
        public static (int Status, string? Code) Request(EmulatorFixture emulator, string service, string operation, string which)
        {
            var sample = SampleOf(service, operation)!;
            emulator.State.SeedJson(sample.Seed);
            var labels = Inputs(service, operation).Where(row => Text(row, "location") == "label").ToList();
            if (labels.Count == 0)
            {
                var enumMember = EnumMembers(service, operation).FirstOrDefault();
                return which == "invalid" && enumMember != null
                    ? Build(emulator, service, operation, _ => "", enumMember, "NOT_A_VALUE")
                    : Build(emulator, service, operation, _ => "", null, null);
            }
            var id = which switch { "missing" => "no-such-job", "invalid" => "bad id!", _ => sample.FinishedId };
            return Build(emulator, service, operation, _ => id, null, null);
        }

        private static string ValidLabel(string service, string operation, string label)
        {
            var facts = ModelFacts.Member(service, operation, label);
            return BoundaryValues.Fill(facts, Math.Max(facts.MinLength ?? 1, 1)) ?? "x";
        }

        private static (int Status, string? Code) Build(EmulatorFixture emulator, string service, string operation, Func<string, string> label, string? member, string? value)
        {
            var http = ModelFacts.OperationOf(service, operation).GetProperty("http");
            var method = http.GetProperty("method").GetString()!;
            var path = http.GetProperty("uri").GetString()!;
            foreach (var row in Inputs(service, operation).Where(row => Text(row, "location") == "label"))
            {
                var name = Text(row, "member");
                path = path.Replace("{" + name + "}", Uri.EscapeDataString(label(name)));
            }
            var location = member == null ? "" : Text(Inputs(service, operation).Single(row => Text(row, "member") == member), "location");
            if (location.StartsWith("query:", StringComparison.Ordinal))
            {
                path += (path.Contains('?') ? "&" : "?") + location.Substring("query:".Length) + "=" + Uri.EscapeDataString(value!);
            }
            var hasBody = Inputs(service, operation).Any(row => Text(row, "location") == "body");
            object? body = !hasBody ? null
                : location == "body" ? new Dictionary<string, string> { [member!] = value! }
                : new Dictionary<string, string>();
            return Raw.Send(emulator, method, path, service, body);
        }
    }
}
