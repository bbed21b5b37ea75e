using System.Data.Common;
using System.Diagnostics;
using Bootstrap.Domain.Entities;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Bootstrap.CrashHost;

/// <summary>
/// Kills the process, as abruptly as a power cut, when a transaction that wrote users is about to
/// commit. Before dying it prints how many rows the open transaction holds, so the test can tell
/// that the crash struck after the writes and not before them.
/// </summary>
public sealed class CrashBeforeCommit : DbTransactionInterceptor
{
    public const string Marker = "crash-host: killed before commit";

    public override async ValueTask<InterceptionResult> TransactionCommittingAsync(
        DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context?.ChangeTracker.Entries<User>().Any() == true)
        {
            await using var command = transaction.Connection!.CreateCommand();
            command.Transaction = transaction;
            command.CommandText =
                "SELECT (SELECT COUNT(*) FROM AspNetUsers) || ' ' || (SELECT COUNT(*) FROM Organizations) || ' ' || (SELECT COUNT(*) FROM Buckets) || ' ' || (SELECT COUNT(*) FROM ApiTokens)";
            var counts = (await command.ExecuteScalarAsync(cancellationToken) as string)!.Split(' ');
            await Console.Out.WriteLineAsync(
                $"{Marker}; uncommitted rows: users={counts[0]} organizations={counts[1]} buckets={counts[2]} tokens={counts[3]}");
            await Console.Out.FlushAsync(cancellationToken);
            Process.GetCurrentProcess().Kill();
        }
        return result;
    }
}
