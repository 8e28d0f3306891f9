using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace CancelJobs.Tests.ModelOracle
{
    /// <summary>Who answers a boundary case: the module before sending, or the emulator (standing in for AWS) on the wire.</summary>
    public enum Side
    {
        Module,
        Emulator,
    }

    /// <summary>
    /// A deliberate difference from the model's verdict. <see cref="Accepted"/> null means the case cannot be put on
    /// the wire at all (it is skipped, not judged).
    /// </summary>
    public sealed record Deviation(Side Side, string Service, string Member, Func<string, bool> Applies, bool? Accepted, string Why);

    /// <summary>Every place where the module or the emulator answers a boundary case differently from the model, and why.</summary>
    public static class Deviations
    {
        public static readonly IReadOnlyList<Deviation> All = new[]
        {
            // The model sets no maximum on a statusDetails value; the IoT API reference does: "The maximum length of the
            // value in the name/value pair is 1,024 characters."
            // https://docs.aws.amazon.com/iot/latest/apireference/API_iot-jobs-data_JobExecutionState.html
            new Deviation(Side.Module, "iot", "statusDetails{value}", v => MemberFacts.CodePoints(v) > 1024, false,
                "IoT API reference (JobExecutionState): a statusDetails value is at most 1,024 characters"),
            new Deviation(Side.Emulator, "iot", "statusDetails{value}", v => MemberFacts.CodePoints(v) > 1024, false,
                "IoT API reference (JobExecutionState): a statusDetails value is at most 1,024 characters"),

            // The DMS model lets MigrationProjectIdentifier be empty (min 0) and RequestIdentifier be anything. Both are
            // required and name something: "The migration project name or Amazon Resource Name (ARN)" and "The identifier
            // for the metadata model conversion operation ... initiated by StartMetadataModelConversion". An empty value
            // (or blank: a CSV cell of spaces) names nothing, so the module says so instead of sending it.
            // https://docs.aws.amazon.com/dms/latest/APIReference/API_CancelMetadataModelConversion.html
            new Deviation(Side.Module, "dms", "*", v => v.Trim().Length == 0, false,
                "DMS API reference (CancelMetadataModelConversion): a required project name/ARN or request identifier; empty or blank names nothing"),

            // Names, ARNs and the identifiers DMS hands out never contain control characters (ARN format:
            // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html); where the model has no pattern to say
            // so, the module still refuses them, as it does for every identifier: a newline or NUL is never meant.
            new Deviation(Side.Module, "dms", "*", v => v.Any(char.IsControl) || HasLoneSurrogate(v) || v.Any(IsFormat), false,
                "DMS names, ARNs (IAM User Guide, ARN format) and request identifiers hold no control characters"),

            // An empty label changes the request's path (GET /things//jobs/x is another resource or none); the AWS SDKs
            // refuse an empty label before sending, so there is no wire request to judge.
            new Deviation(Side.Emulator, "*", "label", v => v.Length == 0, null, "an empty URI label cannot be sent"),

            // HTTP servers (Kestrel, as most) refuse a NUL in a request path with a bare 400 before any service sees it.
            new Deviation(Side.Emulator, "*", "label", v => v.Contains('\0'), null, "a NUL cannot travel in a URI path"),

            // A lone surrogate has no UTF-8 form: it cannot be percent-encoded into a path or query string, and JSON
            // writers replace it with U+FFFD, so the wire never carries it.
            new Deviation(Side.Emulator, "*", "label", HasLoneSurrogate, null, "a lone surrogate cannot be percent-encoded"),
            new Deviation(Side.Emulator, "*", "query", HasLoneSurrogate, null, "a lone surrogate cannot be percent-encoded"),
            new Deviation(Side.Emulator, "*", "body", HasLoneSurrogate, null, "JSON writers send a lone surrogate as U+FFFD"),
        };

        // Deviations outside the identifiers' boundary values (not judged case by case here):
        // - IoT statusDetails: at most 10 pairs (module and emulator); the model sets no map length, the API reference
        //   does ("You can specify at most 10 name/value pairs", API_CancelJobExecution.html).
        // - DMS DescribeMetadataModelConversions Filters: the emulator knows the names request-id and status only (the
        //   model's Filter.Name is any string; the API reference of the sibling DescribeMetadataModelCreations names
        //   these two as "the supported filters"); the module sends no others.
        // - DMS MaxRecords: the module asks for 1 to 100 and the emulator pages at most 100 (the model sets no range).

        /// <summary>Errors the emulator answers that the operation's model does not list: AWS's common errors.</summary>
        public static readonly IReadOnlyList<(string Service, ModelledError Error, string Why)> CommonErrors = new[]
        {
            // DMS models no validation, throttling or internal error for these operations; AWS JSON services answer them
            // with the common errors. https://docs.aws.amazon.com/dms/latest/APIReference/CommonErrors.html
            ("dms", new ModelledError("ValidationException", 400), "DMS API reference, Common Errors: ValidationError 400"),
            ("dms", new ModelledError("ThrottlingException", 400), "DMS API reference, Common Errors: ThrottlingException 400"),
            ("dms", new ModelledError("InternalFailure", 500), "DMS API reference, Common Errors: InternalFailure 500"),
        };

        public static Deviation? Find(Side side, MemberFacts member, string value) =>
            All.FirstOrDefault(d => d.Side == side
                && (d.Service == "*" || d.Service == member.Service)
                && (d.Member == "*" || d.Member == member.Member || d.Member == LocationKind(member))
                && d.Applies(value));

        /// <summary>The verdict the side must give: the model's, unless a deviation says otherwise (null: not judged).</summary>
        public static bool? Expected(Side side, MemberFacts member, string value)
        {
            var deviation = Find(side, member, value);
            return deviation != null ? deviation.Accepted : member.Accepts(value);
        }

        public static bool IsCommonError(string service, ModelledError error) =>
            CommonErrors.Any(c => c.Service == service && c.Error == error);

        private static string LocationKind(MemberFacts member) => (member.Location ?? "body").Split(':')[0];

        private static bool HasLoneSurrogate(string value)
        {
            for (var i = 0; i < value.Length; i++)
            {
                if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                {
                    i++;
                }
                else if (char.IsSurrogate(value[i]))
                {
                    return true;
                }
            }
            return false;
        }

        private static bool IsFormat(char c) => CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format;
    }
}
