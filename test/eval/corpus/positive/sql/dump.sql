-- MySQL dump 10.13  Distrib 8.0.36
CREATE TABLE `integrations` (
  `id` int NOT NULL AUTO_INCREMENT,
  `name` varchar(64) NOT NULL,
  `config` json DEFAULT NULL,
  PRIMARY KEY (`id`)
);
INSERT INTO `integrations` VALUES (1,'slack','{"token": "xoxb-274252001488-3840741305651-EMzH4RmGyw1EOn9nnzLdVOLH"}');
INSERT INTO `integrations` VALUES (2,'warehouse','{"url": "postgres://etl:KMQnOmuSRgSbJRq4E1pjZC0@warehouse.acme.io:5432/dw"}');
