using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bootstrap.Api.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class EnableLockoutForEveryUser : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Users were created with lockout off, so failed sign-ins never locked them; every user is now subject to it.
            migrationBuilder.Sql("UPDATE \"AspNetUsers\" SET \"LockoutEnabled\" = TRUE;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Nothing to undo: which users had lockout off is not recorded, and lockout on is the only safe state.
        }
    }
}
