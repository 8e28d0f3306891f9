using System;
using System.Text.Json;

namespace CancelJobs.Emulator.Services;

/// <summary>
/// A store of jobs that declares its own seed-document section: its name, how items are read and written, its demo
/// items. <see cref="EmulatorState"/> finds every one in this assembly, so a new kind of job is one class in its
/// service folder (reset, seed, export and the demo follow without edits elsewhere).
/// </summary>
internal interface ISeedSection
{
    /// <summary>The member of the seed document, camelCase (e.g. "iotJobs").</summary>
    string Name { get; }

    /// <summary>Reads the section's items; throws ArgumentException (or JsonException) for a bad item. Nothing is stored until the returned commit runs.</summary>
    Action Prepare(JsonElement items, DateTimeOffset now);

    JsonElement Export(DateTimeOffset now);

    void Clear();

    /// <summary>The section's demo items, in its seed form.</summary>
    JsonElement Demo();
}
