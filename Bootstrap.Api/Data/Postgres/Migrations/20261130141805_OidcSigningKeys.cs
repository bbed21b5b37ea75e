using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bootstrap.Api.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class OidcSigningKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "OidcSigningKeys",
                columns: table => new
                {
                    Generation = table.Column<int>(type: "integer", nullable: false),
                    KeyId = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    SealedPrivateKey = table.Column<byte[]>(type: "bytea", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OidcSigningKeys", x => x.Generation);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "OidcSigningKeys");
        }
    }
}
