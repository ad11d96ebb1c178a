import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsEmail, IsIn, IsOptional, IsString, Length } from 'class-validator';
import { Role, ROLES } from '../../../platform/auth/roles';
import { pageDtoOf, PageQuery } from '../../../platform/http/pagination';
import { IsSiret } from '../../../platform/validation/siret';
import { UserAccount } from '../user.entity';
import { trim } from '../../../platform/validation/transforms';

const ROLE_MESSAGE = `doit être l’un de : ${ROLES.join(', ')}`;

export class LoginDto {
  @ApiProperty({ description: 'Adresse e-mail du compte', example: 'facilitateur@plie-exemple.fr' })
  @Transform(trim)
  @IsEmail({}, { message: 'doit être une adresse e-mail valide' })
  email: string;

  @ApiProperty({ description: 'Mot de passe', example: 'Vélo-Rouge-42!' })
  @IsString({ message: 'doit être une chaîne de caractères' })
  @Length(1, 200, { message: 'doit faire de 1 à 200 caractères' })
  password: string;
}

export class CreateAccountDto {
  @ApiProperty({ description: 'Adresse e-mail, identifiant de connexion' })
  @Transform(trim)
  @IsEmail({}, { message: 'doit être une adresse e-mail valide' })
  email: string;

  @ApiProperty({ description: 'Mot de passe (12 caractères au moins)' })
  @IsString({ message: 'doit être une chaîne de caractères' })
  password: string;

  @ApiProperty({ description: 'Rôle du compte', enum: ROLES })
  @IsIn(ROLES, { message: ROLE_MESSAGE })
  role: Role;

  @ApiPropertyOptional({ description: 'Référence de la structure (obligatoire pour un facilitateur)' })
  @IsOptional()
  @Transform(trim)
  @IsString({ message: 'doit être une chaîne de caractères' })
  structureRef?: string;

  @ApiPropertyOptional({ description: 'SIRET de l’organisation (obligatoire pour un acheteur ou une entreprise)' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.replace(/\s/g, '') : value))
  @IsSiret()
  siret?: string;
}

export class UpdateAccountDto {
  @ApiPropertyOptional({ description: 'Compte actif (false : la connexion est refusée)' })
  @IsOptional()
  @IsBoolean({ message: 'doit valoir true ou false' })
  active?: boolean;

  @ApiPropertyOptional({ description: 'Nouveau mot de passe (12 caractères au moins)' })
  @IsOptional()
  @IsString({ message: 'doit être une chaîne de caractères' })
  password?: string;
}

export class AccountListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn(ROLES, { message: ROLE_MESSAGE })
  role?: Role;
}

export class AccountDto {
  @ApiProperty() id: string;
  @ApiProperty() email: string;
  @ApiProperty({ enum: ROLES }) role: Role;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Structure de rattachement (facilitateur)' }) structureId: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Référence de la structure de rattachement' }) structureRef: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'SIRET de rattachement (acheteur, entreprise)' }) siret: string | null;
  @ApiProperty() active: boolean;
  @ApiPropertyOptional({ nullable: true, type: String }) lastLoginAt: string | null;
  @ApiProperty() createdAt: string;

  static from(account: UserAccount): AccountDto {
    return {
      id: account.id,
      email: account.email,
      role: account.role,
      structureId: account.structureId,
      structureRef: account.structure?.ref ?? null,
      siret: account.siret,
      active: account.active,
      lastLoginAt: account.lastLoginAt?.toISOString() ?? null,
      createdAt: account.createdAt.toISOString(),
    };
  }
}

export class AccountPageDto extends pageDtoOf('AccountPageDto', AccountDto) {}

export class AccessTokenDto {
  @ApiProperty({ description: 'Jeton JWT à envoyer dans l’en-tête Authorization: Bearer …' }) accessToken: string;
  @ApiProperty({ example: 'Bearer' }) tokenType: 'Bearer';
  @ApiProperty({ description: 'Durée de validité du jeton, en secondes' }) expiresIn: number;
  @ApiProperty({ type: AccountDto }) account: AccountDto;
}

/** One's own new password (web application, « Mon compte »). */
export class ChangePasswordDto {
  @IsString({ message: 'doit être une chaîne de caractères' })
  @Length(1, 200, { message: 'est obligatoire' })
  currentPassword: string;

  @IsString({ message: 'doit être une chaîne de caractères' })
  @Length(1, 200, { message: 'est obligatoire' })
  newPassword: string;
}
