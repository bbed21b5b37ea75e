using Bootstrap.Domain.Setup;
using Microsoft.EntityFrameworkCore;

namespace Bootstrap.Domain.Tenancy;

internal static class UniqueSave
{
    /// <summary>
    /// Saves, turning a taken name into a <see cref="ConflictException"/>. The check before saving
    /// gives the clear message; the unique index decides races, and the check after a failed save
    /// tells a lost race from any other database error.
    /// </summary>
    public static async Task SaveAsync(IBootstrapDb db, Func<Task<string?>> findConflict, CancellationToken cancellationToken)
    {
        if (await findConflict() is { } conflict)
        {
            db.ChangeTracker.Clear();
            throw new ConflictException(conflict);
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            if (await findConflict() is { } raced)
            {
                throw new ConflictException(raced);
            }
            throw;
        }
    }
}
