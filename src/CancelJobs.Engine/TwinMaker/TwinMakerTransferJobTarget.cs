using System;
using System.Collections.Generic;
using System.Linq;
using CancelJobs.Engine.Aws;
using CancelJobs.Engine.Errors;
using CancelJobs.Engine.Model;
using CancelJobs.Engine.Validation;

namespace CancelJobs.Engine.TwinMaker
{
    public sealed class TwinMakerTransferJobTarget
    {
        public TwinMakerTransferJobTarget(string metadataTransferJobId) => MetadataTransferJobId = metadataTransferJobId;

        public string MetadataTransferJobId { get; }
    }
}
