using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using CancelJobs.Engine.Errors;
using CancelJobs.Engine.Model;
using CancelJobs.Engine.Validation;

namespace CancelJobs.Infrastructure
{
    /// <summary>
    /// Which region a piped Stop-* item goes to when -Region is given, from what the item says about where it was read.
    /// Pure: the item, the -Region values and the item's description in, a region or a refusal out.
    /// </summary>
    internal static class ItemRegion
    {
        /// <summary>The region a record of this module was read in: the one its request was signed for.</summary>
        public static string? ReadIn(JobRecord record) => record.Region ?? record.Connection?.Region;

        /// <summary>
        /// The region the piped item says it is in: where a Get-* object was read, or a row's or object's Region property
        /// (Export-Csv of Get-* output keeps it). Null when it says nothing.
        /// </summary>
        public static string? Stated(PSObject? input)
        {
            var piped = input?.BaseObject;
            var region = piped is JobRecord record ? ReadIn(record)
                : piped is IDictionary table ? table["Region"] as string
                : input?.Properties["Region"]?.Value as string;
            // A CSV edited by hand may pad a cell; a region name never has spaces.
            return string.IsNullOrWhiteSpace(region) ? null : region!.Trim();
        }

        /// <summary>
        /// With several -Region values, the one this item goes to: the region a Get-* object was read in, or a row's Region
        /// column (Export-Csv of Get-* output). Anything else could be in any of them: AmbiguousRegion, nothing sent.
        /// Null with <paramref name="region"/> set to send; otherwise the refusal, and <paramref name="region"/> null.
        /// </summary>
        public static InputProblem? OfSeveral(PSObject? input, IReadOnlyList<string> regions, string description, out string? region)
        {
            region = Stated(input);
            var named = string.Join(", ", regions);
            if (region == null)
            {
                region = null;
                return new InputProblem(ErrorIds.AmbiguousRegion,
                    $"-Region names {regions.Count} regions ({named}) and {description} does not say which one it is in, so it was not sent to any. "
                    + "Pipe the Get-* output (each object carries its Region), rows with a Region column, or give one -Region.");
            }
            if (!regions.Contains(region!))
            {
                var found = region;
                region = null;
                return new InputProblem(ErrorIds.RegionMismatch,
                    $"{FailureClassifier.Capitalize(description)} is in {IdentifierText.Escape(found!)}, which is not one of the -Region values ({named}); it was not sent.");
            }
            return null;
        }

        /// <summary>
        /// One -Region and an item that says it is in another region (a record read there, or a row's Region column): the
        /// same id there is another job (a rollout's job id is the same in every region), so sending it to -Region would
        /// cancel what the list never showed. Null to send.
        /// </summary>
        public static string? ReadElsewhere(PSObject? input, string asked, string description)
        {
            if (Stated(input) is not { } stated || string.Equals(stated, asked, StringComparison.Ordinal))
            {
                return null;
            }
            var where = input?.BaseObject is JobRecord ? "was read in" : "says it is in";
            return $"{FailureClassifier.Capitalize(description)} {where} {IdentifierText.Escape(stated)}, and -Region names {IdentifierText.Escape(asked)}, "
                + "where the same id may be another job; it was not sent. Leave -Region out to cancel it where it is, or pipe its identifiers as strings.";
        }
    }
}
