namespace Bootstrap.CrashHost;

/// <summary>
/// Runs Bootstrap.Web unchanged, plus <see cref="CrashBeforeCommitStartup"/>: the crash test's
/// stand-in for a power cut in the middle of the first run, with no hook in production code.
/// </summary>
public static class CrashHostProgram
{
    public static int Main(string[] args)
    {
        Environment.SetEnvironmentVariable("ASPNETCORE_HOSTINGSTARTUPASSEMBLIES", typeof(CrashHostProgram).Assembly.GetName().Name);
        return typeof(Program).Assembly.EntryPoint!.Invoke(null, [args]) as int? ?? 0;
    }
}
