using System;
using System.Collections.Generic;
using CancelJobs.Engine.Aws;

namespace CancelJobs.Engine.Bulk
{
    /// <summary>What the report needs to know about one item whose outcome was not written.</summary>
    public sealed class UnwrittenItem
    {
        public UnwrittenItem(string description) => Description = description;

        /// <summary>The item as messages name it ("IoT job execution fw-7 on thing t-1").</summary>
        public string Description { get; }

        /// <summary>The ErrorId of an item refused before anything was sent for it, else null.</summary>
        public string? RejectedErrorId { get; set; }

        /// <summary>The state the service reported when it accepted the cancel (or the latest -Wait poll), if it did.</summary>
        public string? AcceptedStatus { get; set; }

        public bool Started { get; set; }
        public bool Completed { get; set; }
        public bool Succeeded { get; set; }

        /// <summary>The state of a successful result, when there is one.</summary>
        public string? ResultStatus { get; set; }

        /// <summary>The failure of a completed item (or the cancellation that abandoned it).</summary>
        public Exception? Error { get; set; }

        /// <summary>Every request sent for the item; the first is its cancel.</summary>
        public IReadOnlyList<ApiRequest> Requests { get; set; } = Array.Empty<ApiRequest>();
    }
}
