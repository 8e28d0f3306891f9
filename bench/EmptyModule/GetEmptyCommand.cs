using System.Management.Automation;

namespace EmptyModule
{
    /// <summary>Does nothing; exists so the module has one cmdlet to export.</summary>
    [Cmdlet(VerbsCommon.Get, "Empty")]
    [OutputType(typeof(string))]
    public sealed class GetEmptyCommand : PSCmdlet
    {
        protected override void ProcessRecord() => WriteObject("empty");
    }
}
