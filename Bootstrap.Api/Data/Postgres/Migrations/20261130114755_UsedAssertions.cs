using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bootstrap.Api.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class UsedAssertions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "UsedAssertions",
                columns: table => new
                {
                    InstanceId = table.Column<Guid>(type: "uuid", nullable: false),
                    KeyHash = table.Column<byte[]>(type: "bytea", maxLength: 32, nullable: false),
                    RememberUntil = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UsedAssertions", x => new { x.InstanceId, x.KeyHash });
                    table.ForeignKey(
                        name: "FK_UsedAssertions_Instances_InstanceId",
                        column: x => x.InstanceId,
                        principalTable: "Instances",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_UsedAssertions_RememberUntil",
                table: "UsedAssertions",
                column: "RememberUntil");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "UsedAssertions");
        }
    }
}
