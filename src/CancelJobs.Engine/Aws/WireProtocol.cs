namespace CancelJobs.Engine.Aws
{
    public enum WireProtocol { RestJson, Json11 }
}
