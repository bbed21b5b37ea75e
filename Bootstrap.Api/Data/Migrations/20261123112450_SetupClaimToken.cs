using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bootstrap.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class SetupClaimToken : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<byte[]>(
                name: "ClaimTokenHash",
                table: "Instances",
                type: "BLOB",
                maxLength: 32,
                nullable: true);

            migrationBuilder.UpdateData(
                table: "Instances",
                keyColumn: "Id",
                keyValue: new Guid("00000000-0000-0000-0000-000000000001"),
                column: "ClaimTokenHash",
                value: null);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ClaimTokenHash",
                table: "Instances");
        }
    }
}
