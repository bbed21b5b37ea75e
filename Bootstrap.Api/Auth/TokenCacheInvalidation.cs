using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Bootstrap.Api.Auth;

/// <summary>
/// Empties the <see cref="TokenCache"/> whenever this process updates or deletes tokens, users or
/// instances by any route (SaveChanges, ExecuteUpdate/ExecuteDelete, raw SQL through the DbContext):
/// right after the statement and again when its transaction commits, so that nothing read just
/// before the commit can be served afterwards. Watching the statements rather than the call sites
/// means a new revocation path cannot forget to invalidate.
/// </summary>
public sealed partial class TokenCacheInvalidation(TokenCache cache) : DbCommandInterceptor, IDbTransactionInterceptor
{
    private static readonly AsyncLocal<bool> RecordingLastUse = new();

    private readonly ConditionalWeakTable<DbTransaction, object> _pendingCommits = [];

    /// <summary>
    /// Until disposed, statements on this async flow only refresh <c>LastUsedAt</c>, which nothing in
    /// authentication depends on, so they leave the cache alone.
    /// </summary>
    public static IDisposable RecordingLastUseScope()
    {
        RecordingLastUse.Value = true;
        return new LastUseScope();
    }

    public override int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        Observe(command);
        return result;
    }

    public override ValueTask<int> NonQueryExecutedAsync(
        DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Observe(command);
        return ValueTask.FromResult(result);
    }

    public override DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result)
    {
        Observe(command);
        return result;
    }

    public override ValueTask<DbDataReader> ReaderExecutedAsync(
        DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
    {
        Observe(command);
        return ValueTask.FromResult(result);
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Committed(transaction);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Committed(transaction);
        return Task.CompletedTask;
    }

    private void Observe(DbCommand command)
    {
        if (RecordingLastUse.Value || !ChangesAuthentication().IsMatch(command.CommandText))
        {
            return;
        }
        cache.Invalidate();
        if (command.Transaction is { } transaction)
        {
            _pendingCommits.AddOrUpdate(transaction, this);
        }
    }

    private void Committed(DbTransaction transaction)
    {
        if (_pendingCommits.Remove(transaction))
        {
            cache.Invalidate();
        }
    }

    /// <summary>Deleting an instance cascades to its users and tokens; updating one does not touch them.</summary>
    [GeneratedRegex("""\bUPDATE\s+"?(ApiTokens|AspNetUsers)\b|\bDELETE\s+FROM\s+"?(ApiTokens|AspNetUsers|Instances)\b""", RegexOptions.IgnoreCase)]
    private static partial Regex ChangesAuthentication();

    private sealed class LastUseScope : IDisposable
    {
        public void Dispose() => RecordingLastUse.Value = false;
    }
}
