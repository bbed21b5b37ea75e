using Bootstrap.Web;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Bootstrap.CrashHost;

/// <summary>
/// Runs the Bootstrap server unchanged, plus <see cref="CrashBeforeCommit"/>: the crash test's
/// stand-in for a power cut in the middle of the first run, with no hook in production code.
/// </summary>
public static class CrashHostProgram
{
    public static async Task<int> Main(string[] args) =>
        await BootstrapApplication.RunServerAsync(args, services => services.AddSingleton<IInterceptor, CrashBeforeCommit>());
}
