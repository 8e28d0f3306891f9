using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using CancelJobs.Engine.Aws;
using CancelJobs.Engine.Model;
using CancelJobs.Engine.Validation;

namespace CancelJobs.Engine.Dms
{
    public sealed class DmsMetadataModelConversionTarget
    {
        public DmsMetadataModelConversionTarget(string migrationProjectIdentifier, string requestIdentifier)
        {
            MigrationProjectIdentifier = migrationProjectIdentifier;
            RequestIdentifier = requestIdentifier;
        }

        public string MigrationProjectIdentifier { get; }
        public string RequestIdentifier { get; }
    }
}
