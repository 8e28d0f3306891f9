using System.Collections.Generic;
using CancelJobs.Engine.Aws;

namespace CancelJobs.Engine.Model
{
    /// <summary>
    /// One service's reads as data: which get or list queries answer a Get-* call's criteria, how to validate the
    /// criteria, and the page-size bounds of the service's model. The Get-* loop runs all four the same way.
    /// </summary>
    public interface IJobReader<TCriteria, TItem> where TItem : JobRecord
    {
        AwsService Service { get; }

        /// <summary>The model's maxResults/MaxRecords upper bound, also the default page size.</summary>
        int MaxPageSize { get; }

        /// <summary>The model's lower bound (DMS MaxRecords is 20..100).</summary>
        int MinPageSize { get; }

        /// <summary>Problems with the criteria's identifiers per the model; empty when requests may be sent.</summary>
        IReadOnlyList<string> Validate(TCriteria criteria);

        /// <summary>What the criteria ask to read, in order.</summary>
        IReadOnlyList<JobQuery<TItem>> Queries(TCriteria criteria);
    }
}
